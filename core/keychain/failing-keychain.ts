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
  return { service, get: fail, set: fail, delete: fail, listAccounts: fail };
}

export interface KeychainFailureSwitch {
  /** Passes calls to the real keychain until the failure starts, then rejects them. */
  readonly keychain: Keychain;
  /** Calls made through `keychain` so far, failed ones included. */
  calls(): number;
  /** Starts failing now (the Secret Service went away, the OS locked the keychain). */
  fail(): void;
  /** Passes every later call through again (the service is back). */
  heal(): void;
}

/**
 * Failure injection for tests: the real keychain `delegate` until `failAfterCalls` calls have gone
 * through it (or fail() is called), then every call rejects with `code`, as the Secret Service
 * disappearing mid-session or the OS locking the keychain looks to core. `onlyAccount` limits the
 * failure to calls about accounts it accepts (listAccounts always fails once failing).
 */
export function createKeychainFailingLater(
  delegate: Keychain,
  code: ErrorCode,
  options: { failAfterCalls?: number; onlyAccount?: (account: string) => boolean } = {},
): KeychainFailureSwitch {
  let calls = 0;
  let failing = false;
  let limit = options.failAfterCalls ?? Infinity;
  const gate = async <T>(account: string | null, run: () => Promise<T>): Promise<T> => {
    calls++;
    if (calls > limit) failing = true;
    const concerned = account === null || (options.onlyAccount?.(account) ?? true);
    if (failing && concerned) throw new VaultError(code, defaultMessage(code));
    return run();
  };
  return {
    keychain: {
      service: delegate.service,
      get: (account) => gate(account, () => delegate.get(account)),
      set: (account, value, options) => gate(account, () => delegate.set(account, value, options)),
      delete: (account) => gate(account, () => delegate.delete(account)),
      listAccounts: () => gate(null, () => delegate.listAccounts()),
    },
    calls: () => calls,
    fail: () => {
      failing = true;
    },
    heal: () => {
      failing = false;
      limit = Infinity;
    },
  };
}

/**
 * Failure injection for tests: what libsecret does with a locked collection when no unlock prompt
 * can be shown. Reads find nothing (no error at all), writes are refused with KEYCHAIN_LOCKED. The
 * dangerous case for drift checks: every key would look as if its value were missing.
 */
export function createSilentlyLockedKeychain(service: string): Keychain {
  const refuse = async (): Promise<never> => {
    throw new VaultError('KEYCHAIN_LOCKED', keychainLockedMessage());
  };
  return { service, get: async () => null, set: refuse, delete: refuse, listAccounts: async () => [] };
}

function defaultMessage(code: ErrorCode): string {
  if (code === 'KEYCHAIN_UNAVAILABLE') return keychainUnavailableMessage();
  if (code === 'KEYCHAIN_LOCKED') return keychainLockedMessage();
  return `The keychain failed on purpose for a test (${code}).`;
}
