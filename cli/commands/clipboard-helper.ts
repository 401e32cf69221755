import type { Command } from 'commander';
import { CLEAR_HELPER_COMMAND } from '../clipboard/clear-helper-command';
import { runClipboardClearHelper } from '../clipboard/deferred-clear';
import type { CliContext } from '../context';
import { usageError } from '../errors';

/** The background half of `copy --no-wait` (see deferred-clear.ts). Hidden from help. */
export function registerClipboardHelper(program: Command, ctx: CliContext): void {
  program
    .command(CLEAR_HELPER_COMMAND, { hidden: true })
    .argument('<seconds>')
    .action(async (seconds: string) => {
      const delay = Number(seconds);
      if (!Number.isInteger(delay) || delay < 1 || delay > 3600) throw usageError('The delay must be 1-3600 seconds.');
      const { createPlatformClipboard } = await import('../../core/clipboard/platform-clipboard');
      await runClipboardClearHelper(delay, ctx.io.stdin, createPlatformClipboard(ctx.env));
    });
}
