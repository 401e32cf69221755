import type { ClipboardPort } from './clipboard/clipboard-port';
import type { FileChooser } from './fs/file-chooser';
import type { Keychain } from './keychain/keychain';
import { createVaultKeychain } from './keychain/vault-keychain';
import { resolveVaultHome } from './paths';
import { Vault, type VaultOptions } from './vault';

/**
 * The vault every front end opens: home from KEYSTASH_HOME (or the app's userData folder), the
 * keychain service from KEYSTASH_KEYCHAIN_SERVICE (or "keystash"), values through keytar. A front
 * end that made that keychain already (the CLI reads ahead with it) passes it as `keychain`.
 */
export function openVault(
  options: { env?: NodeJS.ProcessEnv; keychain?: Keychain; clipboard?: ClipboardPort; fileChooser?: FileChooser } & Pick<
    VaultOptions,
    'idleMsOverride' | 'clipboardKeepsProcessAlive' | 'now'
  > = {},
): Vault {
  const env = options.env ?? process.env;
  return new Vault({
    home: resolveVaultHome(env),
    keychain: options.keychain ?? createVaultKeychain(env),
    ...(options.clipboard ? { clipboard: options.clipboard } : {}),
    ...(options.fileChooser ? { fileChooser: options.fileChooser } : {}),
    ...(options.idleMsOverride !== undefined ? { idleMsOverride: options.idleMsOverride } : {}),
    ...(options.clipboardKeepsProcessAlive !== undefined ? { clipboardKeepsProcessAlive: options.clipboardKeepsProcessAlive } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
