import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFailingKeychain, createKeychainFailingLater, createSilentlyLockedKeychain } from './failing-keychain';
import { keychainLockedMessage, keychainUnavailableMessage } from './keytar-errors';
import { createKeytarKeychain } from './keytar-keychain';

describe('failing keychain', () => {
  it('rejects every call with the typed error it was made with', async () => {
    const keychain = createFailingKeychain('keystash-test', 'KEYCHAIN_UNAVAILABLE');
    expect(keychain.service).toBe('keystash-test');
    const expected = { name: 'VaultError', code: 'KEYCHAIN_UNAVAILABLE', message: keychainUnavailableMessage() };
    await expect(keychain.get('key:a')).rejects.toMatchObject(expected);
    await expect(keychain.set('key:a', 'v')).rejects.toMatchObject(expected);
    await expect(keychain.delete('key:a')).rejects.toMatchObject(expected);
    await expect(keychain.listAccounts()).rejects.toMatchObject(expected);
  });

  it('takes a message for other failures', async () => {
    const keychain = createFailingKeychain('keystash-test', 'KEYCHAIN_LOCKED', 'Locked for this test.');
    await expect(keychain.get('key:a')).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED', message: 'Locked for this test.' });
  });
});

describe('keychain failing later (failure injection over the real keychain)', () => {
  it('passes the first calls through, then fails every call until healed', async () => {
    const real = createKeytarKeychain(`keystash-test-${randomBytes(6).toString('hex')}`);
    const failing = createKeychainFailingLater(real, 'KEYCHAIN_LOCKED', { failAfterCalls: 2 });
    try {
      await failing.keychain.set('key:a', 'v');
      expect(await failing.keychain.get('key:a')).toBe('v');
      await expect(failing.keychain.get('key:a')).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED', message: keychainLockedMessage() });
      await expect(failing.keychain.listAccounts()).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
      expect(failing.calls()).toBe(4);
      failing.heal();
      expect(await failing.keychain.listAccounts()).toEqual(['key:a']);
    } finally {
      await real.delete('key:a');
    }
  });

  it('can fail only the accounts it is told to, from a switch thrown by the test', async () => {
    const real = createKeytarKeychain(`keystash-test-${randomBytes(6).toString('hex')}`);
    const failing = createKeychainFailingLater(real, 'KEYCHAIN_UNAVAILABLE', { onlyAccount: (a) => a.startsWith('key:') });
    try {
      failing.fail();
      await failing.keychain.set('session', 's');
      await expect(failing.keychain.set('key:b', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect(await real.get('key:b')).toBeNull();
    } finally {
      await real.delete('session');
    }
  });

  it('models a silently locked keyring: reads find nothing, writes are refused', async () => {
    const locked = createSilentlyLockedKeychain('keystash-test');
    expect(await locked.get('vault:data-key')).toBeNull();
    expect(await locked.listAccounts()).toEqual([]);
    await expect(locked.set('key:a', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
  });
});
