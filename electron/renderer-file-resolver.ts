import { isAbsolute, join, relative } from 'node:path';
import { contentTypeFor } from './content-types';
import { APP_HOST, APP_SCHEME } from './renderer-origin';

export type RendererFileResolution =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 404 | 405 };

const INDEX_FILE = 'index.html';

/**
 * Maps an app://keystash/... request to a file under `rendererRoot` (out/renderer), or says why
 * not. Electron's own protocol.handle example warns that a plain join lets
 * `app://bundle/../../secret_file.txt` escape the bundle; the URL parser already drops literal and
 * %2e dot segments, but `..%2f..%2fetc%2fpasswd` survives parsing as one segment and only becomes a
 * traversal once decoded. So every segment is decoded on its own and refused if it could name a
 * parent, a separator or a drive, and the joined path is checked to still lie inside the root.
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string, method = 'GET'): RendererFileResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405 };

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };

  const rawSegments = url.pathname === '/' || url.pathname === '' ? [INDEX_FILE] : url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    const segment = decodeSegment(raw);
    if (segment === null) return { ok: false, status: 400 };
    segments.push(segment);
  }

  const filePath = join(rendererRoot, ...segments);
  const inside = relative(rendererRoot, filePath);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 400 };

  const contentType = contentTypeFor(filePath);
  if (contentType === null) return { ok: false, status: 404 };
  return { ok: true, filePath, contentType };
}

/** The decoded segment, or null when it is empty, a dot segment, or could change directories. */
function decodeSegment(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded === '' || decoded === '.' || decoded === '..') return null;
  // '/' and '\' split paths (Windows accepts both); ':' names a drive or an NTFS stream; NUL ends C strings.
  if (/[/\\:\0]/.test(decoded)) return null;
  return decoded;
}
