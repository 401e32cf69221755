import type { App } from 'electron';
import { PRODUCT_NAME, resolveVaultHome } from '../core/paths';

/**
 * Names the app and makes Electron's userData folder the vault home, before anything reads a path.
 *
 * The design says the vault lives in "the same folder as Electron's userData for the product name
 * Keystash", and the CLI, which has no Electron to ask, computes that folder with core/paths.ts.
 * Setting userData from that same function makes the two agree by construction rather than by
 * matching Electron's rules (XDG_CONFIG_HOME, APPDATA, ~/Library/Application Support) twice.
 *
 * With KEYSTASH_HOME set, userData follows it too. Chromium's profile then sits next to that vault,
 * and the single-instance lock (kept in userData) is per vault: a test run on a throwaway home does
 * not collide with, or get focused into, the user's running Keystash.
 */
export function adoptVaultHomeAsUserData(app: Pick<App, 'setName' | 'setPath'>, env: NodeJS.ProcessEnv): string {
  app.setName(PRODUCT_NAME);
  const home = resolveVaultHome(env);
  app.setPath('userData', home);
  return home;
}
