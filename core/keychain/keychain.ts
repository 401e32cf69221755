/**
 * The port every part of core uses to reach the OS keychain. Accounts are plain strings such as
 * `key:<id>` or `vault:data-key`; the service name is fixed when the adapter is made.
 *
 * Implementations throw VaultError with KEYCHAIN_UNAVAILABLE (no Secret Service / keychain daemon)
 * or KEYCHAIN_LOCKED (the login keychain is locked), never a raw native error, and never put a
 * value into an error message.
 */
export interface Keychain {
  readonly service: string;
  get(account: string): Promise<string | null>;
  /**
   * `fresh`: the account was just made up (a new random key id), so no older value or chunk can be
   * under it, and the look for one (a keychain search, which grows with the keychain) is skipped.
   */
  set(account: string, value: string, options?: { fresh?: boolean }): Promise<void>;
  /** Returns true when something was deleted. */
  delete(account: string): Promise<boolean>;
  /**
   * Every account stored under this service, chunk accounts (`key:<id>#2`) included, never a value.
   * Expensive (the OS hands over every value with it): only drift checks call it, never a listing.
   */
  listAccounts(): Promise<string[]>;
}

/** The largest secret value Keystash accepts, in bytes of UTF-8. */
export const MAX_SECRET_BYTES = 64 * 1024;
