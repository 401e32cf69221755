import { CommanderError } from 'commander';
import type { Keychain } from '../core/keychain/keychain';
import type { AgentClient } from './agent/agent-client';
import { isVaultError } from '../core/errors';
import { fileSystemProblem } from '../core/fs/file-system-error';
import { CliContext } from './context';
import { CliError, describeUnexpected } from './errors';
import { EXIT, exitCodeFor } from './exit-codes';
import { processIo } from './io/cli-io';
import { buildProgram } from './program';

/**
 * One `keystash` command: parse, run, map the outcome to an exit code. Every failure ends as one
 * line on stderr (`keystash: ...`), never as a stack trace. `keychain` is the vault's, when the
 * entry point made it already (it reads ahead); `agent` is the running app's (CliContext).
 */
export async function runCommand(argv: readonly string[], keychain?: Keychain, agent?: AgentClient | null): Promise<number> {
  const ctx = new CliContext(processIo(), keychain, agent);
  let code: number;
  try {
    await (await buildProgram(ctx, argv)).parseAsync([...argv], { from: 'user' });
    code = ctx.exitCode;
  } catch (error) {
    code = report(ctx, error);
  }
  try {
    await ctx.close();
  } catch (error) {
    const closing = report(ctx, error);
    if (code === EXIT.ok) code = closing;
  }
  await ctx.output.flush();
  return code;
}

function report(ctx: CliContext, error: unknown): number {
  // Commander has already printed its message (or the help / version it was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) {
    ctx.output.error(error.message);
    return error.exitCode;
  }
  // A typed core error that did not come through the dispatcher (e.g. the clipboard clear), or a
  // file the CLI itself reads or writes (an -o path on a full disk).
  const typed = fileSystemProblem(error) ?? error;
  if (isVaultError(typed)) {
    ctx.output.error(typed.message);
    return exitCodeFor(typed.code);
  }
  ctx.output.error(describeUnexpected(error));
  return EXIT.failure;
}
