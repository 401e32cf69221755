import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Keystash';
export const DEFAULT_KEYCHAIN_SERVICE = 'keystash';

/**
 * The vault folder. It must equal Electron's `app.getPath('userData')` for the product name
 * "Keystash", because the CLI has no Electron to ask and both must open the same vault.
 */
export function resolveVaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KEYSTASH_HOME) return env.KEYSTASH_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function resolveKeychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYSTASH_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE;
}

export const vaultFiles = (home: string) => ({
  index: join(home, 'index.json.enc'),
  indexLock: join(home, 'index.lock'),
  audit: join(home, 'audit.jsonl'),
  auditLock: join(home, 'audit.lock'),
});
