import { randomUUID } from 'node:crypto';
import type { RestoreReport } from '../api/results';
import { VaultError } from '../errors';
import type { IndexStore } from '../index/index-store';
import type { Keychain } from '../keychain/keychain';
import { secretAccount } from '../keys/key-service';
import { parseContents } from './backup-contents';
import { openBackup } from './backup-crypto';
import { parseBackupEnvelope } from './backup-format';
import type { RestoreConflictAction } from './backup-limits';
import { KeychainJournal, withRollbackOutcome } from './keychain-journal';
import { applyRestore, keyIdentities, outcomeOf, planRestore, type RestoreStep } from './restore-plan';

export interface RestoreOptions {
  onConflict: RestoreConflictAction;
  /** Also put back the settings (auto-lock, clipboard clearing) the backup was made with. */
  settings: boolean;
  dryRun: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * A restore is all or nothing. Nothing is written until the file has been opened and checked.
 * Then the values go to the keychain one by one, each write journalled, and ONE index write under
 * the lock records every key. If a keychain write fails, or the index changed meanwhile, or the
 * index write fails, the journal puts every keychain entry back and the index is never written.
 */
export async function restoreBackup(
  index: IndexStore,
  keychain: Keychain,
  content: string,
  passphrase: string,
  options: RestoreOptions,
): Promise<RestoreReport> {
  const envelope = parseBackupEnvelope(content);
  const plaintext = await openBackup(envelope, passphrase);
  const contents = (() => {
    try {
      return parseContents(plaintext);
    } finally {
      plaintext.fill(0);
    }
  })();

  const before = await index.read();
  const steps = planRestore(contents.keys, before, options.onConflict);
  const report = (): RestoreReport => {
    const count = (status: RestoreStep['status']) => steps.filter((s) => s.status === status).length;
    return {
      outcomes: steps.map((s) => outcomeOf(s)),
      restored: count('restored'),
      replaced: count('replaced'),
      renamed: count('renamed'),
      skipped: count('skipped'),
      settingsRestored: options.settings,
      backupCreatedAt: envelope.createdAt,
      dryRun: options.dryRun,
    };
  };
  if (options.dryRun) return report();

  const journal = new KeychainJournal(keychain);
  const writes = steps.filter((s) => s.status !== 'skipped');
  try {
    for (const [done, step] of writes.entries()) {
      await writeValue(keychain, journal, step);
      options.onProgress?.(done + 1, writes.length);
    }
    const identities = keyIdentities(before);
    await index.update((data) => {
      if (keyIdentities(data) !== identities) {
        throw new VaultError('CONFLICT', 'Another Keystash process added, renamed or deleted keys during the restore, so nothing was restored. Run the restore again.');
      }
      applyRestore(data, steps, options.settings ? contents.settings : null);
    });
  } catch (error) {
    throw withRollbackOutcome(error, await journal.rollback());
  }
  return report();
}

/**
 * A new key's keychain entry should not exist. If it does, it is a value the index lost track of
 * (drift from a crash); it is not Keystash's to overwrite, so the key takes a new id instead.
 */
async function writeValue(keychain: Keychain, journal: KeychainJournal, step: RestoreStep): Promise<void> {
  if (step.status === 'replaced') {
    const previous = await keychain.get(secretAccount(step.id));
    if (previous !== step.key.value) await journal.set(secretAccount(step.id), step.key.value, previous);
    return;
  }
  if ((await keychain.get(secretAccount(step.id))) !== null) step.id = randomUUID();
  await journal.set(secretAccount(step.id), step.key.value, null);
}
