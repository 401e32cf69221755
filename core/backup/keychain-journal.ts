import { VaultError, isVaultError } from '../errors';
import type { Keychain } from '../keychain/keychain';

/**
 * Keychain writes that can be taken back: each write first notes what the entry held before (or
 * that it did not exist), and `rollback` puts every entry back, newest first.
 */
export class KeychainJournal {
  private readonly undo: { account: string; previous: string | null }[] = [];

  constructor(private readonly keychain: Keychain) {}

  async set(account: string, value: string, previous: string | null): Promise<void> {
    // Noted before the write: a write that fails halfway (one chunk of several) is undone too.
    this.undo.push({ account, previous });
    await this.keychain.set(account, value);
  }

  /** Returns how many entries could not be put back. */
  async rollback(): Promise<number> {
    let failed = 0;
    for (const { account, previous } of this.undo.splice(0).reverse()) {
      try {
        if (previous === null) await this.keychain.delete(account);
        else await this.keychain.set(account, previous);
      } catch {
        failed += 1;
      }
    }
    return failed;
  }
}

/** The original failure, telling the user when the keychain could not be fully put back. */
export function withRollbackOutcome(error: unknown, notRestored: number): unknown {
  if (notRestored === 0) return error;
  const why = isVaultError(error) ? error.message : 'The restore failed.';
  return new VaultError(
    isVaultError(error) ? error.code : 'INTERNAL',
    `${why} ${notRestored} keychain entr${notRestored === 1 ? 'y' : 'ies'} could not be put back as they were; run \`keystash doctor\` to find them.`,
  );
}
