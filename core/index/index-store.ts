import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileSystemProblem } from '../fs/file-system-error';
import { VaultError } from '../errors';
import { ensurePrivateDir, removeLeftoverTemps, writeFileAtomic } from '../fs/atomic-write';
import { lockVaultFile } from '../fs/vault-lock';
import type { Keychain } from '../keychain/keychain';
import { vaultFiles } from '../paths';
import { DATA_KEY_ACCOUNT } from './data-key-account';
import { isSealedIndex, openIndex, sealIndex } from './index-crypto';
import { checkedForWrite, emptyIndex, migrateIndex, SchemaTooNewError, type IndexData } from './index-schema';

/**
 * The encrypted index file: reading (cached by file identity), and writing under a cross-process
 * lock that re-reads the file first, so the app and the CLI never overwrite each other's changes.
 * A file that cannot be opened is reported and left exactly as it is.
 */
export class IndexStore {
  private readonly files: ReturnType<typeof vaultFiles>;
  private dataKey: Buffer | null = null;
  private cached: { stamp: string; data: IndexData } | null = null;
  /** What this process last wrote, kept across lock (it is no secret), so the watcher can tell its own writes. */
  private lastWritten: string | null = null;
  private writesInFlight = 0;

  constructor(
    private readonly home: string,
    private readonly keychain: Keychain,
  ) {
    this.files = vaultFiles(home);
  }

  get path(): string {
    return this.files.index;
  }

  /** The current index; re-read only when the file changed since the last read. */
  async read(): Promise<IndexData> {
    const stamp = await this.fileStamp();
    if (stamp === null) return emptyIndex();
    if (this.cached?.stamp === stamp) return this.cached.data;
    const data = await this.decryptFile();
    this.cached = { stamp, data };
    return data;
  }

  /**
   * Applies `mutate` to a fresh copy of the index under the lock and writes the result. If `mutate`
   * throws, nothing is written.
   */
  async update<T>(mutate: (data: IndexData) => T | Promise<T>): Promise<T> {
    await ensurePrivateDir(this.home);
    const release = await this.lock();
    try {
      this.cached = null;
      const current = structuredClone(await this.read());
      const result = await mutate(current);
      await this.write(current);
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  }

  /** Creates the data key (and an empty index) if this vault has none yet. Never replaces either. */
  async initialise(): Promise<void> {
    await ensurePrivateDir(this.home);
    const release = await this.lock();
    try {
      const exists = (await this.fileStamp()) !== null;
      const key = await this.keychain.get(DATA_KEY_ACCOUNT);
      if (exists) {
        // Opening proves the existing file and key belong together; a mismatch is reported, not fixed.
        this.cached = null;
        await this.read();
        return;
      }
      if (!key) await this.keychain.set(DATA_KEY_ACCOUNT, randomBytes(32).toString('base64'));
      this.dataKey = null;
      await this.write(emptyIndex());
    } finally {
      await release().catch(() => undefined);
    }
  }

  /** Drops the data key and the decrypted index from memory (on lock). */
  forget(): void {
    this.dataKey = null;
    this.cached = null;
  }

  /**
   * The file's identity (inode, size, mtime) when another process wrote it last; null when the file
   * is missing, holds this process's own last write, or a write of this process is in flight (its
   * identity is not known yet, and it re-read the file under the lock anyway).
   */
  async foreignStamp(): Promise<string | null> {
    if (this.writesInFlight > 0) return null;
    const stamp = await this.fileStamp().catch(() => null);
    // Looked at again after the await: a write of ours may have started or finished meanwhile.
    return this.writesInFlight > 0 || stamp === this.lastWritten ? null : stamp;
  }

  async exists(): Promise<boolean> {
    return (await this.fileStamp()) !== null;
  }

  /** Always called under the lock, so a temp file of the index found now was left by a killed writer. */
  private async write(data: IndexData): Promise<void> {
    // A record that breaks the schema is refused here, before it could make the vault unreadable.
    const sealed = sealIndex(JSON.stringify(checkedForWrite(data)), await this.loadDataKey());
    this.writesInFlight++;
    try {
      await removeLeftoverTemps(this.files.index);
      await writeFileAtomic(this.files.index, JSON.stringify(sealed));
      const stamp = await this.fileStamp();
      this.cached = stamp ? { stamp, data } : null;
      this.lastWritten = stamp;
    } finally {
      this.writesInFlight--;
    }
  }

  private async decryptFile(): Promise<IndexData> {
    const text = await readFile(this.files.index, 'utf8').catch((error: unknown) => {
      throw fileSystemProblem(error, this.files.index) ?? error;
    });
    let sealed: unknown;
    try {
      sealed = JSON.parse(text);
    } catch {
      throw corrupt(this.files.index, 'it is not a Keystash index file');
    }
    if (!isSealedIndex(sealed)) throw corrupt(this.files.index, 'it is not a Keystash index file');
    const key = await this.loadDataKey();
    let plaintext: string;
    try {
      plaintext = openIndex(sealed, key);
    } catch {
      throw corrupt(this.files.index, 'it could not be decrypted with this keychain’s data key (damaged, or from another vault)');
    }
    try {
      return migrateIndex(JSON.parse(plaintext));
    } catch (error) {
      if (error instanceof SchemaTooNewError) {
        throw new VaultError('CORRUPT_INDEX', 'The index was written by a newer Keystash. Update Keystash to open it.');
      }
      throw corrupt(this.files.index, 'its contents do not match the expected structure');
    }
  }

  private async loadDataKey(): Promise<Buffer> {
    if (this.dataKey) return this.dataKey;
    const encoded = await this.keychain.get(DATA_KEY_ACCOUNT);
    const key = encoded ? Buffer.from(encoded, 'base64') : null;
    if (!key || key.length !== 32) {
      throw new VaultError(
        'CORRUPT_INDEX',
        `The index ${this.files.index} exists but its data key is missing from the keychain (service "${this.keychain.service}", account "${DATA_KEY_ACCOUNT}"). Restore the keychain entry or point KEYSTASH_HOME at another folder; the file was left untouched.`,
      );
    }
    this.dataKey = key;
    return key;
  }

  private async fileStamp(): Promise<string | null> {
    try {
      const s = await stat(this.files.index);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private lock(): Promise<() => Promise<void>> {
    return lockVaultFile(this.files.index, this.files.indexLock);
  }

}

function corrupt(path: string, why: string): VaultError {
  return new VaultError(
    'CORRUPT_INDEX',
    `Keystash cannot open ${path}: ${why}. The file was left untouched; restore it from a backup or move it aside to start a new vault.`,
  );
}
