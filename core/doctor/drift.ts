import * as z from '../zod';
import type { DriftReport } from '../api/results';
import type { KeyRecord } from '../keys/key-record';
import { secretAccount } from '../keys/key-service';

const KEY_ACCOUNT_PREFIX = 'key:';
const isKeyId = (id: string) => z.uuid().safeParse(id).success;

/**
 * The key id a keychain account holds the value of, or null when it is not a key's head entry:
 * `vault:data-key`, `auth:…` and `session` are Keystash's own, `key:<id>#2` and up are chunks of the
 * value whose head is `key:<id>` (never orphans of their own), and anything else under the service
 * is not in Keystash's format.
 */
export function keyIdOfAccount(account: string): string | null {
  if (!account.startsWith(KEY_ACCOUNT_PREFIX)) return null;
  const id = account.slice(KEY_ACCOUNT_PREFIX.length);
  return isKeyId(id) ? id : null;
}

/**
 * Index entries whose value is not in the keychain, and key values in the keychain that no index
 * entry names, from one listing of the keychain's accounts. Names and accounts only, never a value.
 */
export function findDrift(keys: readonly KeyRecord[], accounts: readonly string[], checkedAt: number): DriftReport {
  const stored = new Set(accounts.map(keyIdOfAccount).filter((id): id is string => id !== null));
  const indexed = new Set(keys.map((k) => k.id));
  return {
    missingValues: keys
      .filter((k) => !stored.has(k.id))
      .map((k) => ({ id: k.id, name: k.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    orphanedValues: [...stored]
      .filter((id) => !indexed.has(id))
      .sort()
      .map((id) => ({ account: secretAccount(id) })),
    checkedAt,
  };
}
