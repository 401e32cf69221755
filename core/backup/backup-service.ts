import type { BackupFile, RestoreReport } from '../api/results';
import type { IndexStore } from '../index/index-store';
import type { Keychain } from '../keychain/keychain';
import type { KeyService } from '../keys/key-service';
import { createBackup } from './create-backup';
import { restoreBackup, type RestoreOptions } from './restore-backup';

/** Encrypted backups of the whole vault: writing one, and restoring one all or nothing. */
export class BackupService {
  constructor(
    private readonly index: IndexStore,
    private readonly keys: KeyService,
    private readonly keychain: Keychain,
    private readonly now: () => number,
  ) {}

  create(passphrase: string): Promise<BackupFile> {
    return createBackup(this.index, this.keys, passphrase, this.now());
  }

  restore(content: string, passphrase: string, options: RestoreOptions): Promise<RestoreReport> {
    return restoreBackup(this.index, this.keychain, content, passphrase, options);
  }
}
