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
//
// A command can run one of two ways: through the running app's agent, or opening the vault itself.
// The bundle says which (globalThis[CODE_PATH], see cli/code-path.ts), and the cache's name lists the
// ways it holds: a run that went a way the cache lacks saves it again. It then holds both, since the
// functions it was loaded with are still compiled: a cache made by a run through the agent would
// otherwise leave every later run without the app to compile the vault's code again (13 ms a get).
const fs = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/** Where the bundle says which way a command went (cli/code-path.ts), and what a way's name may be. */
const CODE_PATH = Symbol.for('keystash.codeCache.way');
const WAY = /^[a-z]{1,16}$/;

/**
 * @param {string} bundle the bundle's path
 * @param {string} folder this user's own cache folder; a cache there that others could write is ignored
 * @param {string} command what the cache is for: its name is part of the file name
 */
function runWithCodeCache(bundle, folder, command) {
  const source = fs.readFileSync(bundle, 'utf8');
  const file = fs.statSync(bundle, { bigint: true });
  const prefix = `keystash-${[file.dev, file.ino, file.size, file.ctimeNs].map((n) => n.toString(36)).join('.')}-`;
  const base = `${prefix}${process.version}-${process.arch}-${safeName(command)}`;
  // A cache someone else could have written is code they would run inside the key manager.
  const privateFolder = isPrivate(folder);
  const found = privateFolder ? findCache(folder, base) : null;
  const trusted = privateFolder && (found === null || isPrivate(join(folder, found.name)));
  const cachedData = trusted && found ? readIfPresent(join(folder, found.name)) : undefined;
  // The wrapper Node gives every CommonJS file.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const ran = new Set();
  globalThis[CODE_PATH] = (way) => {
    if (WAY.test(way)) ran.add(way);
  };
  if (trusted) {
    process.once('exit', () => {
      const usable = found !== null && cachedData !== undefined && !script.cachedDataRejected;
      const held = usable ? found.ways : [];
      if (usable && [...ran].every((way) => held.includes(way))) return;
      const ways = [...new Set([...held, ...ran])].sort();
      saveCache(folder, `${base}${ways.length > 0 ? `.${ways.join('+')}` : ''}.v8`, prefix, script, found?.name);
    });
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

/** The cache of this bundle and command, and the ways it holds (see the top); null if none. */
function findCache(folder, base) {
  let names;
  try {
    names = fs.readdirSync(folder);
  } catch {
    return null;
  }
  for (const name of names) {
    if (!name.startsWith(base) || !name.endsWith('.v8')) continue;
    const middle = name.slice(base.length, -'.v8'.length);
    if (middle === '') return { name, ways: [] };
    const ways = middle.slice(1).split('+');
    if (middle.startsWith('.') && ways.every((way) => WAY.test(way))) return { name, ways };
  }
  return null;
}

/**
 * Written whole or not at all (a temporary file, then rename); `replaced`, the cache it widens, and
 * older bundles' caches are removed.
 */
function saveCache(folder, name, prefix, script, replaced) {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const cacheFile = join(folder, name);
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    if (replaced && replaced !== name) fs.rmSync(join(folder, replaced), { force: true });
    for (const entry of fs.readdirSync(folder)) {
      if (entry.startsWith('keystash-') && !entry.startsWith(prefix)) fs.rmSync(join(folder, entry), { force: true });
    }
  } catch {
    // Only slower without it.
  }
}

function safeName(command) {
  return /^[a-z][a-z-]{0,30}$/.test(command ?? '') ? command : 'other';
}

module.exports = { runWithCodeCache };
