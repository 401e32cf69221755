import { VaultError, type ErrorCode } from '../errors';
import type { Keychain } from './keychain';
import { keychainLockedMessage, keychainUnavailableMessage } from './keytar-errors';

/**
 * Failure injection for tests: a Keychain whose every call rejects with the given typed error, as
 * the real adapter does when the Secret Service is gone or the keychain is locked. Named for what it
 * is so it is never mistaken for a usable keychain.
 */
export function createFailingKeychain(service: string, code: ErrorCode, message = defaultMessage(code)): Keychain {
  const fail = async (): Promise<never> => {
    throw new VaultError(code, message);
  };
  return { service, get: fail, set: fail, delete: fail };
}

function defaultMessage(code: ErrorCode): string {
  if (code === 'KEYCHAIN_UNAVAILABLE') return keychainUnavailableMessage();
  if (code === 'KEYCHAIN_LOCKED') return keychainLockedMessage();
  return `The keychain failed on purpose for a test (${code}).`;
}
