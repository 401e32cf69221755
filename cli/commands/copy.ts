import { constants } from 'node:os';
import type { Command } from 'commander';
import { scheduleClipboardClear } from '../clipboard/deferred-clear';
import type { RememberingClipboard } from '../clipboard/remembering-clipboard';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { printable } from '../io/output';
import { callUnlocked, type CodeOptions } from '../session';

interface CopyOptions extends CodeOptions {
  /** commander's --no-wait */
  wait: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function registerCopy(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('copy')
      .argument('<name>', 'the key')
      .description('copy the value to the clipboard and stay until it is cleared (Ctrl-C clears it at once)')
      .option('--no-wait', 'return at once; a background helper still clears the clipboard on time'),
  ).action((name: string, options: CopyOptions) => runCopy(ctx, name, options));
}

async function runCopy(ctx: CliContext, name: string, options: CopyOptions): Promise<void> {
  ctx.useClipboard({ keepProcessAlive: options.wait });
  // Listening from the start: a Ctrl-C that lands while the value is being copied still clears it.
  const stop = options.wait ? listenForStop() : null;
  try {
    const receipt = await callUnlocked(ctx, options, 'copyKey', { key: { name } });
    const label = printable(name);
    if (receipt.clearsAt === null) {
      ctx.output.note(`Copied ${label}. Clearing is off, so it stays on the clipboard (turn it on with \`keystash settings --clipboard-clear SEC\`).`);
      return;
    }
    ctx.output.note(`Copied ${label} — clears in ${receipt.clearAfterSeconds} s`);
    const clipboard = await ctx.clipboard();
    if (!clipboard) return;
    if (!stop) {
      if (clipboard.lastCopied) await scheduleClipboardClear(clipboard.lastCopied, receipt.clearAfterSeconds, ctx.env);
      return;
    }
    const vault = await ctx.vault();
    const signal = await Promise.race([vault.waitForClipboardClear().then(() => null), stop.stopped]);
    if (signal === null) {
      ctx.output.note('Clipboard cleared.');
      return;
    }
    ctx.exitCode = 128 + constants.signals[signal];
    await clearOnStop(ctx, clipboard);
  } finally {
    stop?.dispose();
  }
}

/**
 * Turns Ctrl-C, kill and a closed terminal into a promise instead of an immediate exit. A second
 * Ctrl-C exits at once, for when the first one waits behind a keychain that does not answer.
 */
function listenForStop(): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let resolveStop: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => (resolveStop = resolve));
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(128 + constants.signals[signal]);
    received = true;
    resolveStop(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    stopped,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}

/** Ctrl-C (or the terminal closing) must not leave the value behind: clear it now, if still ours. */
async function clearOnStop(ctx: CliContext, clipboard: RememberingClipboard): Promise<void> {
  ctx.output.note('');
  try {
    const cleared = await clipboard.clearIfStillCopied();
    ctx.output.note(cleared ? 'Stopped; clipboard cleared.' : 'Stopped; the clipboard had changed since, so it was left alone.');
  } catch {
    ctx.output.error('Stopped, but the clipboard could not be cleared. Clear it by copying something else.');
  }
}
