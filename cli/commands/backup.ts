import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { checkSecretsFile } from '../files/private-output';
import { printable } from '../io/output';
import { readNewPassphrase } from '../io/passphrase-input';
import { ensureUnlocked, type CodeOptions } from '../session';

interface BackupOptions extends CodeOptions {
  out: string;
  force?: boolean;
  allowTracked?: boolean;
  passphraseStdin?: boolean;
}

const BACKUP_HELP = `
The file holds every key with its value, and the settings, encrypted with a key derived from the
passphrase (scrypt, then AES-256-GCM; the format is in README.md, "Backup file format"). The
passphrase is asked twice on the terminal, hidden, or read from one line of stdin with
--passphrase-stdin; it is never an argument. Without it, the backup cannot be opened by anyone,
including you. Restore with \`keystash restore FILE\`.`;

export function registerBackup(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('backup')
      .description('write every key, value and setting to one file, encrypted with a passphrase')
      .requiredOption('-o, --out <file>', 'the backup file to write (created 0600)')
      .option('--force', 'overwrite the file if it exists')
      .option('--allow-tracked', 'write inside a git work tree even where git does not ignore the file')
      .option('--passphrase-stdin', 'read the passphrase from stdin (one line) instead of asking on the terminal'),
  )
    .addHelpText('after', BACKUP_HELP)
    .action((options: BackupOptions) => runBackup(ctx, options));
}

async function runBackup(ctx: CliContext, options: BackupOptions): Promise<void> {
  await checkTarget(options);
  await ensureUnlocked(ctx, options);
  const passphrase = await readNewPassphrase(ctx.io, Boolean(options.passphraseStdin));
  const { content, keys } = await ctx.call('createBackup', { passphrase });
  // It may have appeared while the values were read and encrypted.
  if (!options.force && (await exists(options.out))) throw usageError(`${printable(options.out)} already exists; pass --force to overwrite it.`);
  await writeFileAtomic(options.out, content);
  ctx.output.note(
    `Backed up ${keys} key${keys === 1 ? '' : 's'} to ${printable(options.out)} (readable only by you). Without the passphrase it cannot be restored, so keep the passphrase somewhere other than the backup.`,
  );
}

/** Everything that can refuse the file is checked before the passphrase is asked for. */
async function checkTarget(options: BackupOptions): Promise<void> {
  await checkSecretsFile(options.out, options);
  const folder = dirname(resolve(options.out));
  const parent = await stat(folder).catch(() => null);
  if (!parent?.isDirectory()) throw usageError(`The folder ${printable(folder)} does not exist.`);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
