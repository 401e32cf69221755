import { describe, expect, it } from 'vitest';
import { createFailingKeychain } from './failing-keychain';
import { keychainUnavailableMessage } from './keytar-errors';

describe('failing keychain', () => {
  it('rejects every call with the typed error it was made with', async () => {
    const keychain = createFailingKeychain('keystash-test', 'KEYCHAIN_UNAVAILABLE');
    expect(keychain.service).toBe('keystash-test');
    const expected = { name: 'VaultError', code: 'KEYCHAIN_UNAVAILABLE', message: keychainUnavailableMessage() };
    await expect(keychain.get('key:a')).rejects.toMatchObject(expected);
    await expect(keychain.set('key:a', 'v')).rejects.toMatchObject(expected);
    await expect(keychain.delete('key:a')).rejects.toMatchObject(expected);
  });

  it('takes a message for other failures', async () => {
    const keychain = createFailingKeychain('keystash-test', 'KEYCHAIN_LOCKED', 'Locked for this test.');
    await expect(keychain.get('key:a')).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED', message: 'Locked for this test.' });
  });
});
