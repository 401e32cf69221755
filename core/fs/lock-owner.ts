import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Who holds a vault lock, so that a lock left behind by a killed process (SIGKILL, a crash, a
 * force-quit) is taken over as soon as another writer wants it, instead of after proper-lockfile's
 * stale time (10 s, during which every write would wait).
 *
 * Every lock folder is born with an `owner` record (pid, host, pid namespace, random nonce): it is
 * made under a temporary name with the record inside, then renamed into place, so there is no moment
 * at which the lock exists without its owner. A waiting writer whose proper-lockfile finds the lock
 * taken asks `stat`; when the owner is a process that no longer exists on this host and in this pid
 * namespace, `stat` reports the epoch as the lock's mtime, and proper-lockfile's own stale takeover
 * removes the lock and takes it.
 *
 * Whenever the owner cannot be judged (no record, another host sharing a network folder, another
 * pid namespace such as a sandboxed app, a pid that was reused, a zombie not reaped yet) the lock is
 * left to proper-lockfile's mtime rule, so a live holder is never robbed. The takeover re-reads the
 * record just before removing the folder and gives up if it changed, which narrows the race of two
 * writers taking over the same dead lock to the two system calls that remove it.
 */

const OWNER_FILE = 'owner';
const TEMP_PATTERN = /^\.[0-9a-f]{16}\.tmp$/;

interface LockOwner {
  pid: number;
  host: string;
  /** Linux pid namespace (`pid:[4026531836]`), null elsewhere: pids only compare within one. */
  pidNamespace: string | null;
  /** Tells this lock's record from the next one's, even when pid and inode numbers are reused. */
  nonce: string;
}

const ownPidNamespace: string | null = (() => {
  try {
    return fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
})();

/** The lock's owner record when it names a process that is gone; null when the owner is alive or cannot be judged. */
export async function deadLockOwner(lockPath: string): Promise<LockOwner | null> {
  const owner = await readOwner(lockPath);
  if (!owner || owner.host !== hostname() || owner.pidNamespace !== ownPidNamespace) return null;
  return processExists(owner.pid) ? null : owner;
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await fs.promises.readFile(join(lockPath, OWNER_FILE), 'utf8')) as Partial<LockOwner> | null;
    const valid =
      Number.isInteger(o?.pid) &&
      (o?.pid ?? 0) > 0 &&
      typeof o?.host === 'string' &&
      (typeof o.pidNamespace === 'string' || o.pidNamespace === null) &&
      typeof o.nonce === 'string';
    return valid ? (o as LockOwner) : null;
  } catch {
    return null; // no record: a lock made by something else, or a folder on its way out
  }
}

function processExists(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else. Anything unexpected counts as alive (the safe side).
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the temporary folders of lock attempts killed before their rename, and of releases killed
 * before their delete (a live attempt whose folder goes simply fails, and proper-lockfile retries
 * it). Called by the holder.
 */
export async function removeAbandonedLockAttempts(lockPath: string): Promise<void> {
  const prefix = basename(lockPath);
  const names = await fs.promises.readdir(dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !TEMP_PATTERN.test(name.slice(prefix.length))) continue;
    const path = join(dirname(lockPath), name);
    const stats = await fs.promises.stat(path).catch(() => null);
    // A second's grace for an attempt that is merely slow; a dead owner's needs none.
    if (stats && (stats.mtimeMs < Date.now() - 1_000 || (await deadLockOwner(path)))) {
      await fs.promises.rm(path, { recursive: true, force: true });
    }
  }
}

type Callback<T = void> = (error: NodeJS.ErrnoException | null, value?: T) => void;

const exists = (code: string) => Object.assign(new Error(`lock is held (${code})`), { code: 'EEXIST' });

/** Dead owners judged by `stat`, by lock path, for the takeover that proper-lockfile runs next. */
const judgedDead = new Map<string, string>();

/**
 * The lock folders this process made and has not removed. Their owner is this process, alive by
 * definition, so `stat` need not read their record: proper-lockfile stats a lock right after taking
 * it, and again on every refresh.
 */
const heldHere = new Set<string>();

/**
 * The `fs` proper-lockfile is given: node's, except that a lock folder is made with its owner record
 * already inside, `stat` reports a lock held by a dead owner as stale, and a lock folder is removed
 * with its record in it. One object per process: proper-lockfile caches the filesystem's mtime
 * precision on it.
 */
export const ownerAwareFs = {
  ...fs,
  mkdir(path: string, callback: Callback): void {
    const owner: LockOwner = { pid: process.pid, host: hostname(), pidNamespace: ownPidNamespace, nonce: randomBytes(8).toString('hex') };
    const temp = `${path}.${owner.nonce}.tmp`;
    const giveUp = (error: NodeJS.ErrnoException) => fs.rm(temp, { recursive: true, force: true }, () => callback(error));
    fs.mkdir(temp, { mode: 0o700 }, (error) => {
      if (error) return callback(error);
      fs.writeFile(join(temp, OWNER_FILE), JSON.stringify(owner), { flag: 'wx', mode: 0o600 }, (error) => {
        if (error) return giveUp(error);
        // rename() would replace an EMPTY folder at `path` (a lock made by something without a
        // record): look first. Every folder made here holds a record, so rename refuses to replace it.
        fs.lstat(path, (error) => {
          if (!error) return giveUp(exists('present'));
          if (error.code !== 'ENOENT') return giveUp(error);
          fs.rename(temp, path, (error) => {
            if (!error) {
              heldHere.add(path);
              return callback(null);
            }
            // Windows answers EPERM where POSIX says the target folder is not empty.
            const taken = error.code === 'ENOTEMPTY' || error.code === 'EEXIST' || (process.platform === 'win32' && error.code === 'EPERM');
            giveUp(taken ? exists(error.code ?? 'EEXIST') : error);
          });
        });
      });
    });
  },
  stat(path: string, callback: Callback<fs.Stats | { mtime: Date }>): void {
    fs.stat(path, (error, stats) => {
      if (error) return callback(error);
      if (heldHere.has(path)) return callback(null, stats);
      void deadLockOwner(path).then(
        (dead) => {
          if (!dead) return callback(null, stats);
          judgedDead.set(path, dead.nonce);
          // proper-lockfile reads only mtime: the epoch makes it take the lock over now.
          callback(null, { ...stats, mtime: new Date(0) });
        },
        () => callback(null, stats),
      );
    });
  },
  /**
   * Removes a lock folder (a release, or a takeover) in one step that a kill cannot split: it is
   * renamed away with its record inside, then deleted. A kill between the two leaves a temporary
   * folder that removeAbandonedLockAttempts clears, never a lock without an owner.
   */
  rmdir(path: string, callback: Callback): void {
    const judgedNonce = judgedDead.get(path);
    judgedDead.delete(path);
    heldHere.delete(path);
    const remove = () => {
      const doomed = `${path}.${randomBytes(8).toString('hex')}.tmp`;
      fs.rename(path, doomed, (error) => {
        if (error) return callback(error); // ENOENT (someone else removed it) is fine by proper-lockfile
        // The record, then the folder: two calls, where a recursive rm makes five. Anything else in
        // it (not ours to expect) falls back to the recursive rm.
        fs.unlink(join(doomed, OWNER_FILE), () =>
          fs.rmdir(doomed, (error) => (error ? fs.rm(doomed, { recursive: true, force: true }, () => callback(null)) : callback(null))),
        );
      });
    };
    // A release of this process's own lock: nothing to check.
    if (judgedNonce === undefined) return remove();
    void readOwner(path).then((owner) => {
      // Another writer took the dead lock over first and this folder is theirs now: leave it.
      // proper-lockfile then finds it when it makes its own, and waits like any other writer.
      if (owner?.nonce !== judgedNonce) return callback(null);
      remove();
    });
  },
  /** Used by proper-lockfile's exit handler for locks still held when the process exits. */
  rmdirSync(path: string): void {
    heldHere.delete(path);
    const doomed = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    fs.renameSync(path, doomed);
    fs.rmSync(doomed, { recursive: true, force: true });
  },
};
