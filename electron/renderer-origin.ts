/**
 * Where the renderer comes from, and so which origins the main process trusts. Pure: no Electron
 * import, so the sender check and the protocol handler can be tested without the binary.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'keystash';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The dev server only ever runs on this machine; anything else in the variable is refused. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `scheme://host[:port]` of a URL, or null when it has none. Built by hand because Node's URL
 * reports the origin of a non-special scheme such as `app:` as "null", while Chromium serializes a
 * registered standard scheme's origin as `app://keystash`.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host || parsed.username || parsed.password) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * The electron-vite dev server URL (`ELECTRON_RENDERER_URL`), only for an unpackaged app and only
 * on loopback over http(s). A packaged app never loads, or trusts, anything but app://keystash.
 */
export function devRendererUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!LOOPBACK_HOSTS.has(parsed.hostname) || parsed.username || parsed.password) return null;
  return parsed.href;
}

/** What the window loads: the dev server while developing, otherwise the app:// bundle. */
export function rendererEntryUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string {
  return devRendererUrl(env, isPackaged) ?? APP_ENTRY_URL;
}

/** Origins whose main frame may call the vault: ours, plus the dev server when unpackaged. */
export function trustedRendererOrigins(env: NodeJS.ProcessEnv, isPackaged: boolean): readonly string[] {
  const dev = devRendererUrl(env, isPackaged);
  const devOrigin = dev === null ? null : originOf(dev);
  return Object.freeze(devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin]);
}
