'use strict';
// Runs a CommonJS bundle with a V8 code cache made after the bundle has run, so the cache holds
// every function that run compiled. Node's own compile cache (22.1+) and v8-compile-cache are made
// when the file is compiled, which covers only its top level: the rest is compiled again on every
// start, about 20 ms of each `keystash get`. See https://v8.dev/blog/code-caching-for-devs.
//
// One cache file per bundle file, Node version and command: a command's cache holds the functions
// that command runs. The bundle file is named by its identity (device, inode, size and change time,
// which every build, install or copy sets anew; npm fixes mtime, not ctime), not a hash of its
// content: node:crypto alone takes about 4 ms to load, before the first keychain read could leave.
// V8 checks the rest itself (its own version, flags, the source's length) and rejects a cache that
// does not fit, which is then made again.
const fs = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/**
 * @param {string} bundle the bundle's path
 * @param {string} folder this user's own cache folder; a cache there that others could write is ignored
 * @param {string} command what the cache is for: its name is part of the file name
 */
function runWithCodeCache(bundle, folder, command) {
  const source = fs.readFileSync(bundle, 'utf8');
  const file = fs.statSync(bundle, { bigint: true });
  const prefix = `keystash-${[file.dev, file.ino, file.size, file.ctimeNs].map((n) => n.toString(36)).join('.')}-`;
  const cacheFile = join(folder, `${prefix}${process.version}-${process.arch}-${safeName(command)}.v8`);
  // A cache someone else could have written is code they would run inside the key manager.
  const trusted = isPrivate(folder) && isPrivate(cacheFile);
  const cachedData = trusted ? readIfPresent(cacheFile) : undefined;
  // The wrapper Node gives every CommonJS file.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  if (trusted && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => saveCache(folder, cacheFile, prefix, script));
  }
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

/**
 * True when `path` is missing, or this user's and writable by no one else. Windows has no uid: there
 * the folder is under %LOCALAPPDATA%, which is the user's own.
 */
function isPrivate(path) {
  if (typeof process.getuid !== 'function') return true;
  const stats = fs.lstatSync(path, { throwIfNoEntry: false });
  return !stats || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0 && !stats.isSymbolicLink());
}

function readIfPresent(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file, then rename); older bundles' caches are removed. */
function saveCache(folder, cacheFile, prefix, script) {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    for (const name of fs.readdirSync(folder)) {
      if (name.startsWith('keystash-') && !name.startsWith(prefix)) fs.rmSync(join(folder, name), { force: true });
    }
  } catch {
    // Only slower without it.
  }
}

function safeName(command) {
  return /^[a-z][a-z-]{0,30}$/.test(command ?? '') ? command : 'other';
}

module.exports = { runWithCodeCache };
