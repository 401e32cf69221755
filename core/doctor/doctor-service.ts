import type { DriftReport, DriftRepair } from '../api/results';
import { isVaultError, VaultError } from '../errors';
import { DATA_KEY_ACCOUNT } from '../index/data-key-account';
import type { IndexStore } from '../index/index-store';
import type { Keychain } from '../keychain/keychain';
import { newKeyRecord } from '../keys/key-record';
import { secretAccount } from '../keys/key-service';
import { normaliseTags } from '../tags/tag-rules';
import { findDrift, keyIdOfAccount } from './drift';
import { nameKey } from '../keys/label-text';

/** The tag an adopted value's new entry gets, so the user finds them all in one click. */
export const RECOVERED_TAG = 'recovered';

/**
 * Keychain and index drift: finding it (`check`) and the two repairs, each of which the user asks
 * for by name and neither of which ever deletes a value.
 *
 * - adoptOrphans: a value in the keychain that no index entry names (a crash between a create's
 *   keychain write and its index write, or a delete that stopped halfway) gets an index entry,
 *   "Recovered key <id>", tagged "recovered". The user can then look at it, rename it, or delete it.
 * - forgetMissing: an index entry whose value is gone from the keychain (removed with Seahorse or
 *   secret-tool, a reset keychain) is removed. Its value is already gone, so nothing is lost.
 *
 * Each repair looks again at what it was asked to change (the keychain may have changed since the
 * check) and skips, with a reason, whatever is no longer drift.
 */
export class DoctorService {
  constructor(
    private readonly index: IndexStore,
    private readonly keychain: Keychain,
    private readonly now: () => number,
  ) {}

  /** One listing of the keychain (about 1 s per 500 entries on gnome-keyring), then the index. */
  async check(): Promise<DriftReport> {
    const accounts = await this.keychain.listAccounts();
    // Read after the listing, and the data key is loaded by it: a vault whose key is gone is CORRUPT_INDEX here.
    const data = await this.index.read();
    if (!accounts.includes(DATA_KEY_ACCOUNT)) throw this.unlistable();
    return findDrift(data.keys, accounts, this.now());
  }

  async adoptOrphans(accounts: readonly string[]): Promise<DriftRepair> {
    await this.assertKeychainReadable();
    const skipped: DriftRepair['skipped'] = [];
    const readable: { account: string; id: string }[] = [];
    for (const account of new Set(accounts)) {
      const id = keyIdOfAccount(account);
      if (id === null) skipped.push({ target: account, reason: 'not a Keystash key entry' });
      else if (await this.valueIsReadable(account, skipped)) readable.push({ account, id });
    }
    const repaired = await this.index.update((data) => {
      const adopted: DriftRepair['repaired'] = [];
      const stamp = new Date(this.now()).toISOString();
      const knownTags = data.keys.flatMap((k) => k.tags);
      const taken = new Set(data.keys.map((k) => nameKey(k.name)));
      for (const { account, id } of readable) {
        if (data.keys.some((k) => k.id === id)) {
          skipped.push({ target: account, reason: 'an index entry names it (again)' });
          continue;
        }
        const name = freeName(`Recovered key ${id.slice(0, 8)}`, taken);
        const record = newKeyRecord(id, name, stamp);
        record.tags = normaliseTags([RECOVERED_TAG], knownTags);
        record.notes = `Found in the keychain (service "${this.keychain.service}", account "${account}") without an index entry, and adopted on ${stamp.slice(0, 10)}. Reveal it to see what it is, then rename it, or delete it if it is not needed.`;
        data.keys.push(record);
        taken.add(nameKey(name));
        adopted.push({ id, name });
      }
      return adopted;
    });
    return { repaired, skipped };
  }

  async forgetMissing(ids: readonly string[]): Promise<DriftRepair> {
    await this.assertKeychainReadable();
    const skipped: DriftRepair['skipped'] = [];
    const gone = new Set<string>();
    const { keys } = await this.index.read();
    for (const id of new Set(ids)) {
      if (!keys.some((k) => k.id === id)) skipped.push({ target: id, reason: 'no key in the index has this id' });
      else if (await this.hasValue(secretAccount(id))) skipped.push({ target: id, reason: 'its value is in the keychain' });
      else gone.add(id);
    }
    const repaired = await this.index.update((data) => {
      const forgotten = data.keys.filter((k) => gone.has(k.id)).map((k) => ({ id: k.id, name: k.name }));
      data.keys = data.keys.filter((k) => !gone.has(k.id));
      return forgotten;
    });
    return { repaired, skipped };
  }

  /** Reads the value only to prove it is whole (a chunked value can be incomplete); it is dropped at once. */
  private async valueIsReadable(account: string, skipped: DriftRepair['skipped']): Promise<boolean> {
    try {
      if ((await this.keychain.get(account)) !== null) return true;
      skipped.push({ target: account, reason: 'its value is no longer in the keychain' });
    } catch (error) {
      if (!isVaultError(error) || error.code !== 'INTERNAL') throw error;
      skipped.push({ target: account, reason: error.message });
    }
    return false;
  }

  /** Whether the keychain holds something at `account`, whole or not (an incomplete value is not "missing"). */
  private async hasValue(account: string): Promise<boolean> {
    try {
      return (await this.keychain.get(account)) !== null;
    } catch (error) {
      if (isVaultError(error) && error.code === 'INTERNAL') return true;
      throw error;
    }
  }

  /**
   * A locked keyring answers every read with "no such entry" rather than an error, which would make
   * every value look missing. The data key is in every working vault's keychain: without it, refuse.
   */
  private async assertKeychainReadable(): Promise<void> {
    if ((await this.keychain.get(DATA_KEY_ACCOUNT)) === null) throw this.unlistable();
  }

  private unlistable(): VaultError {
    return new VaultError(
      'KEYCHAIN_LOCKED',
      `The keychain did not show Keystash's own entries (service "${this.keychain.service}"), so drift cannot be checked: it is probably locked, or Keystash's entries were removed from it. Unlock it and check again; nothing was changed.`,
    );
  }
}

function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(nameKey(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}
