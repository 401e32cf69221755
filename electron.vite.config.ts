import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
