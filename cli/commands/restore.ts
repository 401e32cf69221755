import { constants } from 'node:os';
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { RestoreReport } from '../../core/api/results';
import { parseBackupEnvelope } from '../../core/backup/backup-format';
import { BACKUP_MAX_CHARS, RESTORE_CONFLICT_ACTIONS, type RestoreConflictAction } from '../../core/backup/backup-limits';
import { watchImportProgress } from '../../core/env/import-progress';
import { isVaultError } from '../../core/errors';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { readTextFile } from '../env/env-file';
import { CliError, fromApiError, usageError } from '../errors';
import { exitCodeFor } from '../exit-codes';
import { canPrompt } from '../io/cli-io';
import { printable } from '../io/output';
import { readPassphrase } from '../io/passphrase-input';
import { ProgressBar } from '../io/progress-bar';
import { ensureUnlocked, type CodeOptions } from '../session';

interface RestoreOptions extends CodeOptions {
  onConflict: RestoreConflictAction;
  settings?: boolean;
  dryRun?: boolean;
  json?: boolean;
  passphraseStdin?: boolean;
}

/** A mistyped passphrase on a terminal gets another go; a script's (stdin) does not. */
const PROMPT_ATTEMPTS = 3;
const PROGRESS_FROM = 50;
const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const RESTORE_HELP = `
The restore is all or nothing: if the passphrase is wrong, the file was changed, or the keychain
fails midway, the vault is left exactly as it was. Keys keep their ids where the id is free in this
vault, so a backup restored into an empty vault gives back the same vault. Names are compared
ignoring case. Settings are restored only with --settings.

Exit codes: 2 the file is not a readable Keystash backup (damaged, cut short, a newer format, or
key-derivation settings out of bounds); 3 the passphrase is wrong or the file was changed (AES-GCM
cannot tell these apart).`;

export function registerRestore(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('restore')
      .argument('<file>', 'a backup written by `keystash backup`')
      .description('restore the keys of an encrypted backup, all or nothing')
      .addOption(
        new Option('--on-conflict <action>', 'when a key with the same name exists: keep it (skip), overwrite it (replace), or restore the backup\'s as "NAME (restored)" (rename)')
          .choices(RESTORE_CONFLICT_ACTIONS)
          .default('skip'),
      )
      .option('--settings', 'also restore the settings saved in the backup (auto-lock, clipboard clearing)')
      .option('--dry-run', 'open the backup and show what would happen; change nothing')
      .option('--passphrase-stdin', 'read the passphrase from stdin (one line) instead of asking on the terminal')
      .option('--json', 'print the outcome of every key as JSON'),
  )
    .addHelpText('after', RESTORE_HELP)
    .action((file: string, options: RestoreOptions) => runRestore(ctx, file, options));
}

async function runRestore(ctx: CliContext, path: string, options: RestoreOptions): Promise<void> {
  const content = await readBackupFile(path);
  await ensureUnlocked(ctx, options);
  const fromStdin = Boolean(options.passphraseStdin);
  const attempts = fromStdin || !canPrompt(ctx.io) ? 1 : PROMPT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const passphrase = await readPassphrase(ctx.io, fromStdin, `Passphrase of ${printable(path)} (input hidden): `);
    const args = {
      content,
      passphrase,
      onConflict: options.onConflict,
      settings: Boolean(options.settings),
      dryRun: Boolean(options.dryRun),
    };
    const result = await restoreUninterrupted(ctx, () => ctx.attempt('restoreBackup', args));
    if (result.ok) return printReport(ctx, path, result.value, options);
    if (result.error.code !== 'WRONG_CODE' || attempt >= attempts) throw fromApiError(result.error);
    ctx.output.note(result.error.message);
  }
}

/** Checked before unlocking or asking for anything: a file that is no backup fails at once (exit 2). */
async function readBackupFile(path: string): Promise<string> {
  const size = (await stat(path).catch(() => null))?.size ?? 0;
  if (size > BACKUP_MAX_CHARS) throw usageError(`${printable(path)} is larger than any Keystash backup (${BACKUP_MAX_CHARS / 1024 / 1024} MiB).`);
  const content = await readTextFile(path);
  try {
    parseBackupEnvelope(content);
  } catch (error) {
    if (isVaultError(error)) throw new CliError(`${printable(path)}: ${error.message}`, exitCodeFor(error.code));
    throw error;
  }
  return content;
}

/**
 * Ctrl-C, kill or a closed terminal in the middle of the keychain writes would leave some values
 * written and the index not: the signal is held until the restore has finished or been rolled
 * back. A second one exits at once, for a keychain that stopped answering.
 */
async function restoreUninterrupted<T>(ctx: CliContext, work: () => Promise<T>): Promise<T> {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(128 + constants.signals[signal]);
    received = true;
    ctx.output.note('Finishing the restore first, so that the vault is not left half restored (signal again to stop at once).');
  };
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, onSignal);
  const bar = ProgressBar.shown(ctx.io.stderr) ? new ProgressBar(ctx.io.stderr, 'Restoring') : null;
  const stopProgress = bar
    ? watchImportProgress(await ctx.vault(), (done, total) => {
        if (total >= PROGRESS_FROM) bar.update(done, total);
      })
    : null;
  try {
    return await work();
  } finally {
    stopProgress?.();
    bar?.clear();
    for (const signal of INTERRUPT_SIGNALS) process.off(signal, onSignal);
  }
}

function printReport(ctx: CliContext, path: string, report: RestoreReport, options: RestoreOptions): void {
  if (options.json) {
    ctx.output.json({ file: path, ...report });
    return;
  }
  for (const outcome of report.outcomes) {
    if (outcome.status === 'skipped') ctx.output.note(`  ${printable(outcome.name)}: skipped, ${printable(outcome.reason ?? '')}`);
    if (outcome.status === 'renamed') ctx.output.note(`  ${printable(outcome.name)}: restored as "${printable(outcome.restoredAs ?? '')}"`);
    if (outcome.status === 'replaced') ctx.output.note(`  ${printable(outcome.name)}: replaced`);
  }
  const summary = `${report.restored} restored, ${report.replaced} replaced, ${report.renamed} renamed, ${report.skipped} skipped${report.settingsRestored ? ', settings restored' : ''}`;
  const made = `backup of ${report.backupCreatedAt.slice(0, 16).replace('T', ' ')} UTC`;
  ctx.output.note(
    report.dryRun
      ? `Dry run of ${printable(path)} (${made}): would be ${summary}. Nothing was changed.`
      : `Restored ${printable(path)} (${made}): ${summary}.`,
  );
}
