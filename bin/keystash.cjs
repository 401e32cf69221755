#!/usr/bin/env node
'use strict';
// The `keystash` command: runs the bundled CLI that `npm run build` writes to out/cli/keystash.cjs.
// Both are CommonJS: on Node 20 an ES module entry alone costs about 15 ms of loader start-up, on
// every command. This file is separate from the bundle so that it can compile the bundle with V8's
// code cache (run-with-code-cache.cjs).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { runWithCodeCache } = require('./run-with-code-cache.cjs');

const bundle = join(__dirname, '..', 'out', 'cli', 'keystash.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('keystash: the CLI is not built yet; run `npm run build` in the Keystash folder first.\n');
  process.exit(1);
}
// The first argument names the command (get, list, run...): each keeps its own code cache.
runWithCodeCache(bundle, codeCacheFolder(), process.argv[2]);

/**
 * The user's own cache folder, not Node's default under the shared temporary folder: compiled code
 * that another account could plant there would run inside the key manager.
 */
function codeCacheFolder() {
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
  return join(base, 'keystash', 'code-cache');
}
