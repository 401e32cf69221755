import type { BackupFile } from '../api/results';
import type { IndexStore } from '../index/index-store';
import type { KeyService } from '../keys/key-service';
import { serialiseContents, type BackupKey } from './backup-contents';
import { sealBackup } from './backup-crypto';

/**
 * Every key with its value, and the settings, from one read of the index, sealed with the
 * passphrase. A key whose value is missing from the keychain stops the backup (a backup that
 * silently leaves keys out would be found out only when it is needed).
 */
export async function createBackup(index: IndexStore, keys: KeyService, passphrase: string, now: number): Promise<BackupFile> {
  const data = await index.read();
  const entries: BackupKey[] = [];
  for (const record of data.keys) {
    const { value } = await keys.readValue({ id: record.id });
    entries.push({ ...record, value });
  }
  const plaintext = serialiseContents({ keys: entries, settings: { ...data.settings } });
  try {
    const envelope = await sealBackup(plaintext, passphrase, new Date(now));
    return { content: `${JSON.stringify(envelope, null, 2)}\n`, keys: entries.length, createdAt: envelope.createdAt };
  } finally {
    plaintext.fill(0);
  }
}
