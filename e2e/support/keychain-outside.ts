import { randomUUID } from 'node:crypto';
import type { VaultLocation } from './test-vault-home';

type Keytar = typeof import('keytar');

async function keytar(): Promise<Keytar> {
  const imported = (await import('keytar')) as Keytar & { default?: Keytar };
  return imported.default ?? imported;
}

/**
 * Changes to the test vault's keychain made beside Keystash, the way a user does in Seahorse or a
 * crash mid-save leaves it: the real keychain, only the test's own throwaway service.
 */
export const keychainOutside = {
  /** Removes a key's value, as deleting the entry in Seahorse would. */
  async removeValue(location: VaultLocation, keyId: string): Promise<void> {
    if (!(await (await keytar()).deletePassword(location.service, `key:${keyId}`))) throw new Error(`no keychain entry key:${keyId}`);
  },
  /** Stores a value under a fresh key account that no index entry names; returns the account. */
  async plantOrphan(location: VaultLocation, value: string): Promise<string> {
    const account = `key:${randomUUID()}`;
    await (await keytar()).setPassword(location.service, account, value);
    return account;
  },
  async read(location: VaultLocation, account: string): Promise<string | null> {
    return (await keytar()).getPassword(location.service, account);
  },
};
