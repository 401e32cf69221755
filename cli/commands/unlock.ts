import type { Command } from 'commander';
import type { AuthStatus } from '../../core/api/results';
import type { CliContext } from '../context';
import { CliError, usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { clockTime } from '../format/time';
import { canPrompt } from '../io/cli-io';
import { givenCode, promptUnlock } from '../session';

interface UnlockOptions {
  code?: string;
  recoveryCode?: string;
}

export function registerUnlock(program: Command, ctx: CliContext): void {
  program
    .command('unlock')
    .description('open the session shared with the app (asks for a code on a terminal)')
    .option('--code <code>', 'the current code from your authenticator app (or set KEYSTASH_CODE)')
    .option('--recovery-code <code>', 'a one-time recovery code, if you lost your authenticator')
    .action((options: UnlockOptions) => runUnlock(ctx, options));

  program
    .command('lock')
    .description('end the session now (the app locks too)')
    .action(async () => {
      await ctx.call('lock', {});
      ctx.output.note('Locked.');
    });
}

async function runUnlock(ctx: CliContext, options: UnlockOptions): Promise<void> {
  const status = await ctx.call('authStatus', {});
  if (!status.enrolled) throw new CliError('Keystash is not set up yet. Run `keystash init` first.', EXIT.auth);
  if (status.unlocked) {
    ctx.output.note(`Keystash is already unlocked${untilText(status)}.`);
    return;
  }
  const code = givenCode(ctx, options);
  let after: AuthStatus;
  if (options.recoveryCode !== undefined) {
    after = await ctx.call('unlockWithRecoveryCode', { recoveryCode: options.recoveryCode });
  } else if (code !== undefined) {
    after = await ctx.call('unlock', { code });
  } else if (canPrompt(ctx.io)) {
    after = await promptUnlock(ctx, status);
  } else {
    throw usageError('No code given. Pass --code CODE (or --recovery-code), set KEYSTASH_CODE, or run in a terminal.');
  }
  ctx.output.note(`Unlocked${untilText(after)}.`);
  if (after.reenrolmentRequired) {
    ctx.output.note(
      `A recovery code was used (${after.recoveryCodesLeft} left). Set up your authenticator again now with \`keystash init\`.`,
    );
  }
}

function untilText(status: AuthStatus): string {
  return status.sessionExpiresAt ? ` until ${clockTime(status.sessionExpiresAt)} (each use extends it)` : '';
}
