import { readFile } from 'node:fs/promises';
// The same pure modules the app's app:// handler uses (they import nothing from Electron).
import { CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy';
import { contentTypeFor } from '../../electron/content-types';
import { join, normalize, sep } from 'node:path';

/** The CSP the app sends, unchanged: the page under test must run under the shipped policy. */
export { CONTENT_SECURITY_POLICY };

export const BRIDGE_PATH = '/host-bridge.js';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * The built renderer, plus the bridge script. index.html gets one classic `<script>` for the bridge
 * before the app's module script: classic scripts run while the page parses and module scripts only
 * after, so window.keystash exists before the app's first line, as it does under the preload.
 */
export function createStaticFiles(rendererDir: string, bridgeFile: string) {
  return async function lookup(pathname: string): Promise<StaticFile | null> {
    // Read on every load (it is small), so a rebuilt renderer is served without a restart.
    if (pathname === '/' || pathname === '/index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
      return { body: Buffer.from(injectBridge(html), 'utf8'), contentType: contentTypeFor('index.html')! };
    }
    if (pathname === BRIDGE_PATH) return readIfExists(bridgeFile);
    const file = insideFolder(rendererDir, pathname);
    return file ? readIfExists(file) : null;
  };
}

export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const moduleScript = /<script\b[^>]*\btype=["']?module["']?[^>]*>/i.exec(html);
  if (moduleScript) return html.slice(0, moduleScript.index) + tag + html.slice(moduleScript.index);
  throw new Error('The built index.html has no module script to put the host bridge in front of.');
}

/** Maps a URL path to a file under `folder`, or null when it would leave it (`..`, encoded or not). */
export function insideFolder(folder: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '' || relative.split(/[/\\]/).includes('..')) return null;
  const file = join(folder, relative);
  return file.startsWith(folder.endsWith(sep) ? folder : folder + sep) ? file : null;
}

async function readIfExists(file: string): Promise<StaticFile | null> {
  try {
    const body = await readFile(file);
    return { body, contentType: contentTypeFor(file) ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
