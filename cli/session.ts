import type { ArgsOf, OperationName, ResultOf } from '../core/api/operations';
import type { AuthStatus } from '../core/api/results';
import type { CliContext } from './context';
import { CliError, fromApiError } from './errors';
import { EXIT } from './exit-codes';
import { canPrompt } from './io/cli-io';
import { promptLine } from './io/prompt';

/** The `--code` every vault command accepts; used only when there is no open session. */
export interface CodeOptions {
  code?: string;
}

export const LOCKED_MESSAGE = 'Keystash is locked. Run `keystash unlock` or pass --code / KEYSTASH_CODE.';
const NOT_ENROLLED_MESSAGE = 'Keystash is not set up yet. Run `keystash init` first.';
const PROMPT_ATTEMPTS = 3;

/**
 * Runs an operation in the shared session. It is tried first and unlocked only on LOCKED: with a
 * session open (the common case) that costs no extra keychain reads, which `keystash get` in a
 * script feels. A LOCKED refusal happens before the operation does anything, so the retry is safe.
 */
export async function callUnlocked<N extends OperationName>(
  ctx: CliContext,
  options: CodeOptions,
  operation: N,
  args: ArgsOf<N>,
): Promise<ResultOf<N>> {
  const first = await ctx.attempt(operation, args);
  if (first.ok) return first.value;
  if (first.error.code !== 'LOCKED') throw fromApiError(first.error);
  await unlockForCommand(ctx, options);
  return ctx.call(operation, args);
}

/** For commands that read input first (add, rotate): unlock before asking for the value. */
export async function ensureUnlocked(ctx: CliContext, options: CodeOptions): Promise<void> {
  await unlockForCommand(ctx, options, await ctx.call('authStatus', {}));
}

/** Opens the session with --code, KEYSTASH_CODE, or a prompt on the terminal, in that order. */
async function unlockForCommand(ctx: CliContext, options: CodeOptions, known?: AuthStatus): Promise<void> {
  const status = known ?? (await ctx.call('authStatus', {}));
  if (status.unlocked) return;
  if (!status.enrolled) throw new CliError(NOT_ENROLLED_MESSAGE, EXIT.auth);
  const code = givenCode(ctx, options);
  if (code !== undefined) {
    await ctx.call('unlock', { code });
    return;
  }
  if (!canPrompt(ctx.io)) throw new CliError(LOCKED_MESSAGE, EXIT.auth);
  await promptUnlock(ctx, status);
}

export function givenCode(ctx: CliContext, options: CodeOptions): string | undefined {
  const code = options.code ?? ctx.env.KEYSTASH_CODE;
  return code === undefined || code.trim() === '' ? undefined : code;
}

/**
 * Asks for a code on the terminal, a few times for a typo. Every attempt counts toward throttling
 * in core, so a THROTTLED answer ends the loop at once.
 */
export async function promptUnlock(ctx: CliContext, status: AuthStatus): Promise<AuthStatus> {
  const useRecovery = status.recoveryCodeRequired;
  if (useRecovery) ctx.output.note('Only a recovery code can unlock Keystash now (too many wrong codes in a row).');
  for (let attempt = 1; ; attempt++) {
    const answer = await promptLine(ctx.io, useRecovery ? 'Recovery code: ' : 'Code from your authenticator app: ');
    const result = useRecovery
      ? await ctx.attempt('unlockWithRecoveryCode', { recoveryCode: answer })
      : await ctx.attempt('unlock', { code: answer });
    if (result.ok) return result.value;
    const retryable = ['WRONG_CODE', 'CODE_REUSED', 'INVALID_ARGUMENT'].includes(result.error.code);
    if (!retryable || attempt >= PROMPT_ATTEMPTS) throw fromApiError(result.error);
    ctx.output.note(fromApiError(result.error).message);
  }
}
