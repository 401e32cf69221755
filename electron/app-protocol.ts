import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { RENDERER_RESPONSE_HEADERS } from './content-security-policy';
import { resolveRendererFile } from './renderer-file-resolver';
import { APP_SCHEME } from './renderer-origin';

/**
 * app://keystash serves the built renderer (Electron security checklist: "avoid usage of the file
 * protocol and prefer usage of custom protocols"). A file:// page would share its origin with every
 * file on disk; app://keystash is an origin of its own that only ever holds out/renderer.
 *
 * Electron is passed in rather than imported so the handler can be tested without the binary.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    // standard: relative URLs resolve and the origin is app://keystash rather than opaque.
    standard: true,
    // secure: a secure context, like https, so no mixed-content rules get in the way.
    secure: true,
    // corsEnabled: Vite emits <script type="module" crossorigin>, a CORS-mode fetch that Chromium
    // refuses for schemes not registered as CORS-enabled. It grants no other origin anything: the
    // handler sends no Access-Control-Allow-Origin.
    corsEnabled: true,
    // Deliberately absent: bypassCSP (the page must obey the CSP), allowServiceWorkers,
    // supportFetchAPI (the renderer fetches nothing; the vault is reached only over IPC), stream.
  },
};

/** Must run before the app's `ready` event, and only once (protocol.registerSchemesAsPrivileged). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Answers app:// requests from the files under `rendererRoot`. Runs after `ready`. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => respondWithRendererFile(rendererRoot, request));
}

export async function respondWithRendererFile(rendererRoot: string, request: Request): Promise<Response> {
  const resolved = resolveRendererFile(rendererRoot, request.url, request.method);
  if (!resolved.ok) return emptyResponse(resolved.status);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await readFile(resolved.filePath));
  } catch {
    return emptyResponse(404);
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...RENDERER_RESPONSE_HEADERS, 'Content-Type': resolved.contentType },
  });
}

const emptyResponse = (status: number) => new Response(null, { status, headers: RENDERER_RESPONSE_HEADERS });
