#!/usr/bin/env node
// Bundles the Node targets that electron-vite does not build: the CLI and the browser host that e2e
// uses. One file each, so start-up reads one file instead of a tree.
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

/**
 * Built-in modules that a dependency requires when it loads but uses rarely, each resolved (for that
 * dependency only) to a stand-in in scripts/lazy-builtins that loads the real one on first use. Each
 * costs milliseconds of every CLI start, for code a command almost never runs (see each file).
 */
const LAZY_BUILTINS = [
  { builtin: /^node:child_process$/, importer: /[\\/]commander[\\/]lib[\\/]command\.js$/, stub: 'commander-child-process.cjs' },
  { builtin: /^assert$/, importer: /[\\/]signal-exit[\\/]index\.js$/, stub: 'signal-exit-assert.cjs' },
];

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    for (const { builtin, importer, stub } of LAZY_BUILTINS) {
      build.onResolve({ filter: builtin }, (args) =>
        importer.test(args.importer) ? { path: resolve(root, 'scripts', 'lazy-builtins', stub) } : undefined,
      );
    }
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // keytar is a native addon: it is loaded from node_modules at run time, never bundled. The D-Bus
  // client (150 KB minified) lists keychain accounts, which only `doctor` does: loaded from
  // node_modules then too, so the bundle every command parses stays without it.
  external: ['keytar', '@homebridge/dbus-native'],
  banner: { js: requireBanner },
  logLevel: 'info',
  absWorkingDir: root,
  plugins: [zodEnglishOnly, lazyBuiltins],
};

const targets = [
  // One CommonJS file, no source map: the CLI runs once per shell command, and start-up is what
  // users feel. On Node 20 an ES module entry costs about 15 ms of loader start-up, and a bundle
  // split into chunks (one per command) costs a file load each; a single file costs neither, and
  // the modules it needs only now and then (otplib, the detectors, qrcode) are still evaluated only
  // when imported. bin/keystash.cjs runs it.
  {
    name: 'cli',
    entry: 'cli/main.ts',
    outfile: 'out/cli/keystash.cjs',
    // Emptied first: an older build's chunks must not linger next to the bundle.
    cleanDir: 'out/cli',
    sourcemap: false,
    required: true,
    // Minified: less for every start to parse. KEYSTASH_BUILD_UNMINIFIED=1 keeps names for a profile.
    // CommonJS has its own require, so no banner.
    // import() of keytar becomes require(): in CommonJS, import() starts Node's ES module loader,
    // which alone costs about 15 ms on Node 20 and delays the first keychain read by as much.
    options: {
      format: 'cjs',
      banner: {},
      minify: process.env.KEYSTASH_BUILD_UNMINIFIED !== '1',
      supported: { 'dynamic-import': false },
    },
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
    if (target.cleanDir) rmSync(resolve(root, target.cleanDir), { recursive: true, force: true });
    await build({
      ...shared,
      entryPoints: [target.entry],
      outfile: target.outfile,
      sourcemap: target.sourcemap,
      ...target.options,
    });
  } catch {
    // esbuild has already printed the errors.
    failed = true;
  }
}

if (failed) process.exitCode = 1;
