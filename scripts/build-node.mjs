#!/usr/bin/env node
// Bundles the Node targets that electron-vite does not build: the CLI and, once it exists, the
// browser host that e2e uses. One ESM file each, so startup reads one file instead of a tree.
import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Bundled CommonJS dependencies call require(); an ES module has none, so make one.
// (esbuild renames any `require` our own sources declare, so this cannot clash.)
const requireBanner = [
  "import { createRequire as __keystashCreateRequire } from 'node:module';",
  'const require = __keystashCreateRequire(import.meta.url);',
].join('\n');

/**
 * zod re-exports its error messages in every language it has (about 50 files) from one index; only
 * English is used (core/zod.ts registers it), so that index resolves to English alone. Less code for
 * every CLI start to parse. zod/mini's index (v4/mini) re-exports it too, as does classic's and core's.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)$/.test(args.resolveDir) ? { path: resolve(root, 'scripts', 'zod-locales-en.mjs') } : undefined,
    );
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // keytar is a native addon: it is loaded from node_modules at run time, never bundled.
  external: ['keytar'],
  banner: { js: requireBanner },
  logLevel: 'info',
  absWorkingDir: root,
  plugins: [zodEnglishOnly],
};

const targets = [
  // No source map: the CLI runs once per shell command, and startup time is what users feel. Split
  // into chunks, so a command loads the code it runs and not that of every other command.
  {
    name: 'cli',
    entry: 'cli/entry.ts',
    outfile: 'out/cli/keystash.js',
    sourcemap: false,
    required: true,
    split: { outdir: 'out/cli', entryName: 'keystash', chunkNames: 'chunks/[name]-[hash]' },
    // Minified: less for every start to parse. KEYSTASH_BUILD_UNMINIFIED=1 keeps names for a profile.
    options: { minify: process.env.KEYSTASH_BUILD_UNMINIFIED !== '1' },
  },
  { name: 'host', entry: 'e2e/host/main.ts', outfile: 'out/host/host.js', sourcemap: true, required: false },
  // The host's page script: builds window.keystash in the browser, so a classic script for the page.
  {
    name: 'host-bridge',
    entry: 'e2e/host/host-bridge.ts',
    outfile: 'out/host/host-bridge.js',
    sourcemap: false,
    required: false,
    options: { platform: 'browser', format: 'iife', target: 'chrome120', banner: {}, external: [] },
  },
];

let failed = false;
for (const target of targets) {
  if (!existsSync(resolve(root, target.entry))) {
    if (target.required) {
      console.error(`build-node: ${target.entry} is missing`);
      failed = true;
    } else {
      console.log(`build-node: skipping ${target.name} (${target.entry} does not exist yet)`);
    }
    continue;
  }
  try {
    const output = target.split
      ? (rmSync(resolve(root, target.split.outdir), { recursive: true, force: true }),
        {
          entryPoints: { [target.split.entryName]: target.entry },
          outdir: target.split.outdir,
          splitting: true,
          chunkNames: target.split.chunkNames,
        })
      : { entryPoints: [target.entry], outfile: target.outfile };
    await build({
      ...shared,
      ...output,
      sourcemap: target.sourcemap,
      ...target.options,
    });
  } catch {
    // esbuild has already printed the errors.
    failed = true;
  }
}

if (failed) process.exitCode = 1;
