#!/usr/bin/env node
'use strict';
// The `keystash` command: runs the bundled CLI that `npm run build` writes to out/cli/keystash.cjs.
// Both are CommonJS: on Node 20 an ES module entry alone costs about 15 ms of loader start-up, on
// every command. This file is separate from the bundle so that V8's compile cache is on before the
// bundle is compiled.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'out', 'cli', 'keystash.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('keystash: the CLI is not built yet; run `npm run build` in the Keystash folder first.\n');
  process.exit(1);
}
startCompileCache();
require(bundle);

/**
 * V8's compile cache: the bundle is compiled once, not on every command (about 12 ms of each start).
 * Node 22.1+ has it built in. Older Node (Debian 13 ships Node 20) gets it from v8-compile-cache,
 * pointed at the same private folder; the variable that points it there is removed again, so the
 * programs `keystash run` starts do not inherit it.
 */
function startCompileCache() {
  const folder = compileCacheFolder();
  const { enableCompileCache } = require('node:module');
  if (enableCompileCache) {
    enableCompileCache(folder);
    return;
  }
  process.env.V8_COMPILE_CACHE_CACHE_DIR = join(folder, 'v8-compile-cache');
  try {
    require('v8-compile-cache');
  } catch {
    // Only slower without it.
  } finally {
    delete process.env.V8_COMPILE_CACHE_CACHE_DIR;
  }
}

/**
 * The user's own cache folder, not Node's default under the shared temporary folder: compiled code
 * that another account could plant there would run inside the key manager.
 */
function compileCacheFolder() {
  const { homedir } = require('node:os');
  const { isAbsolute } = require('node:path');
  const home = homedir();
  const xdg = process.env.XDG_CACHE_HOME; // the XDG spec ignores a relative one
  const base =
    process.platform === 'win32'
      ? (process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : xdg && isAbsolute(xdg)
          ? xdg
          : join(home, '.cache');
  return join(base, 'keystash', 'compile-cache');
}
