import type { Command } from 'commander';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { canPrompt } from '../io/cli-io';
import { printable } from '../io/output';
import { promptLine } from '../io/prompt';
import { callUnlocked, type CodeOptions } from '../session';

interface RmOptions extends CodeOptions {
  yes?: boolean;
}

export function registerRm(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('rm')
      .argument('<name>', 'the key')
      .description('delete a key and its value in the keychain')
      .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)'),
  ).action((name: string, options: RmOptions) => runRm(ctx, name, options));
}

async function runRm(ctx: CliContext, name: string, options: RmOptions): Promise<void> {
  if (!options.yes && !canPrompt(ctx.io)) {
    throw usageError(`Not deleting "${printable(name)}" without confirmation: pass --yes.`);
  }
  const key = await callUnlocked(ctx, options, 'getKey', { key: { name } });
  if (!options.yes) {
    const answer = await promptLine(
      ctx.io,
      `Delete "${printable(key.name)}" and its value in the keychain? This cannot be undone. Type y to confirm: `,
    );
    if (!/^y(es)?$/i.test(answer)) {
      ctx.output.note('Nothing was deleted.');
      ctx.exitCode = EXIT.failure;
      return;
    }
  }
  await ctx.call('deleteKey', { key: { id: key.id } });
  ctx.output.note(`Deleted ${printable(key.name)}.`);
}
