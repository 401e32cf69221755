import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './electron/content-security-policy';

const root = import.meta.dirname;

/**
 * Main and preload are emitted as CommonJS with a `.cjs` name. package.json says "type": "module",
 * so electron-vite would default to ESM, but a sandboxed preload cannot be an ES module, and a CJS
 * main loads the native keytar addon with a plain require. The `.cjs` name keeps Node from reading
 * these files as ESM. package.json "main" points at out/main/index.cjs.
 */
function commonJsOutput(entry: string) {
  return {
    input: { index: resolve(root, entry) },
    output: {
      format: 'cjs' as const,
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
    },
  };
}

/**
 * Writes the app's CSP into the built index.html as a <meta>, from the one constant that the app://
 * handler also sends as a header. Build only: the dev server's page needs inline script (React
 * Refresh's preamble) and injected <style> tags that `script-src 'self'; style-src 'self'` refuse,
 * and Vite's html.cspNonce does not help there, since it needs a server that mints a nonce for each
 * response and writes it into the policy.
 */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'keystash:content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        // First in <head>: a meta policy only governs what comes after it.
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundle every dependency except keytar, a native addon that must be loaded from
      // node_modules at run time (electron and Node built-ins are external by default).
      externalizeDeps: false,
      rolldownOptions: {
        ...commonJsOutput('electron/main.ts'),
        external: ['keytar'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron` and a few built-ins, so everything else
      // it uses has to be inside the one bundle.
      externalizeDeps: false,
      rolldownOptions: commonJsOutput('electron/preload.ts'),
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
