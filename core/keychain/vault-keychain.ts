import { AUTH_ACCOUNTS } from '../auth/auth-store';
import { DATA_KEY_ACCOUNT } from '../index/data-key-account';
import { resolveKeychainService } from '../paths';
import type { Keychain } from './keychain';
import { createKeytarKeychain } from './keytar-keychain';
import { withReadAhead } from './read-ahead';

/** What every vault operation reads first: the session (is the vault unlocked?) and the index's data key. */
export const VAULT_FIRST_READS = [AUTH_ACCOUNTS.session, DATA_KEY_ACCOUNT] as const;

/** The vault's keychain: keytar, under KEYSTASH_KEYCHAIN_SERVICE or "keystash". */
export function createVaultKeychain(env: NodeJS.ProcessEnv): Keychain {
  return createKeytarKeychain(resolveKeychainService(env));
}

/**
 * The vault's keychain, already reading VAULT_FIRST_READS (see withReadAhead). Light on purpose:
 * the CLI calls it before it loads the rest of its code, so that loading and the reads overlap.
 */
export function createVaultKeychainReadingAhead(env: NodeJS.ProcessEnv): Keychain {
  return withReadAhead(createVaultKeychain(env), VAULT_FIRST_READS);
}
