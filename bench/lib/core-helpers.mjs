// Core and the e2e helpers, bundled on the fly (esbuild, into node_modules/.cache) so the bench stays
// plain Node scripts: seeding reuses e2e/support/seed-index.ts, the host is started as e2e starts it,
// and the in-process figures call the same core the app's main process calls.
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');

export const cacheDir = join(root, 'node_modules', '.cache', 'keystash-bench');

let loaded = null;

export function loadCoreHelpers() {
  loaded ??= bundle('core-helpers', CORE_HELPERS).then((file) => import(file));
  return loaded;
}

/**
 * Bundles TypeScript source that imports from the repository into one file, ESM unless `format` is
 * 'cjs' (for a script timed as a process); resolves with its path.
 */
export async function bundle(name, contents, { format = 'esm' } = {}) {
  const { build } = await import('esbuild');
  const outfile = join(cacheDir, `${name}.${format === 'cjs' ? 'cjs' : 'mjs'}`);
  await build({
    stdin: { resolveDir: root, sourcefile: `${name}.ts`, loader: 'ts', contents },
    bundle: true,
    platform: 'node',
    format,
    // A script timed as a process is as lean to load as the CLI's own bundle.
    minify: format === 'cjs',
    target: 'node20',
    external: ['keytar'],
    outfile,
    // The e2e helpers find the repository (and out/host/host.js) from their own folder.
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'e2e', 'support')) },
    ...(format === 'esm' ? { banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } } : {}),
    logLevel: 'warning',
  });
  return outfile;
}

const CORE_HELPERS = `
        import { IndexStore } from './core/index/index-store';
        import { createKeytarKeychain } from './core/keychain/keytar-keychain';
        export { IndexStore, createKeytarKeychain };
        export { totpCodeAt } from './core/auth/totp';
        export { openVault } from './core/open-vault';
        export { startAgent } from './core/agent/agent-server';
        export { createDispatcher } from './core/api/dispatcher';
        export { createPlatformClipboard } from './core/clipboard/platform-clipboard';
        export { RULES } from './core/detect/rules';
        export { seedIndexWithoutValues } from './e2e/support/seed-index';
        export { startHost } from './e2e/support/host-process';
        export { createVaultLocation, removeVaultLocation } from './e2e/support/test-vault-home';

        /** What core alone needs to open the index (data key, read, decrypt, parse). */
        export async function readIndexOnce(home: string, service: string) {
          const store = new IndexStore(home, createKeytarKeychain(service));
          const started = performance.now();
          const data = await store.read();
          return { ms: performance.now() - started, records: data.keys.length };
        }`;
