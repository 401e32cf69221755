import type { Command } from 'commander';
import type { Settings } from '../../core/api/results';
import { wholeNumber, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { duration } from '../format/time';
import { renderPairs } from '../io/table';
import { callUnlocked, type CodeOptions } from '../session';

interface SettingsOptions extends CodeOptions {
  autoLock?: number;
  clipboardClear?: number;
  json?: boolean;
}

export function registerSettings(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('settings')
      .description('show or change the auto-lock and clipboard-clear times (shared with the app)')
      .option('--auto-lock <minutes>', 'lock after this many minutes without use (1-240)', wholeNumber('--auto-lock'))
      .option('--clipboard-clear <seconds>', 'clear a copied value after this many seconds (5-300, 0 = never)', wholeNumber('--clipboard-clear'))
      .option('--json', 'print machine-readable JSON'),
  ).action(async (options: SettingsOptions) => {
    const patch = {
      ...(options.autoLock !== undefined ? { autoLockMinutes: options.autoLock } : {}),
      ...(options.clipboardClear !== undefined ? { clipboardClearSeconds: options.clipboardClear } : {}),
    };
    const changing = Object.keys(patch).length > 0;
    const settings = changing
      ? await callUnlocked(ctx, options, 'updateSettings', patch)
      : await callUnlocked(ctx, options, 'getSettings', {});
    if (options.json) ctx.output.json(settings);
    else ctx.output.lines(renderPairs(describe(settings)));
  });
}

function describe(settings: Settings): [string, string][] {
  return [
    ['Auto-lock:', `after ${duration(settings.autoLockMinutes * 60)} without use`],
    ['Clipboard clear:', settings.clipboardClearSeconds === 0 ? 'never' : `after ${duration(settings.clipboardClearSeconds)}`],
  ];
}
