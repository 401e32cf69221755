import { mkdir, readdir, readFile, readlink, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deadLockOwner } from '../fs/lock-owner';
import { LOCK_STALE_MS } from '../fs/vault-lock';
import { bundleCoreEntry, startCoreChild, type CoreChild } from '../test-support/core-child';
import { createTestVault, type TestVault } from '../test-support/test-vault';

/**
 * The index lock between processes: a lock left by a killed writer is recovered (at once when its
 * owner record shows the process is gone, after the stale time when there is no record), and a live
 * holder is never robbed. Figures are printed.
 */

const HOLDER = `
import { writeSync } from 'node:fs';
import { lockVaultFile } from './core/fs/vault-lock';
import { vaultFiles } from './core/paths';
const files = vaultFiles(process.env.KEYSTASH_HOME);
const release = await lockVaultFile(files.index, files.indexLock);
process.stdout.write('LOCKED\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
await release();
writeSync(1, 'RELEASED\\n');
process.exit(0);
`;

describe('the index lock across processes', () => {
  let t: TestVault;
  let holder: string;
  let lockPath: string;
  beforeAll(async () => {
    t = await createTestVault({ now: Date.now });
    await t.enrol();
    holder = await bundleCoreEntry(HOLDER);
    lockPath = join(t.home, 'index.lock');
  });
  afterAll(async () => {
    await t.cleanup();
    await rm(holder, { force: true });
  });
  beforeEach(async () => {
    await rm(lockPath, { recursive: true, force: true });
  });

  let created = 0;
  /** One createKey through the dispatcher (index lock, then audit lock), timed. */
  const timedWrite = async () => {
    const started = Date.now();
    const result = await t.dispatch('createKey', { name: `after lock ${++created}`, secret: 'v' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    return Date.now() - started;
  };
  const startHolder = async (): Promise<CoreChild> => {
    const child = startCoreChild(holder, { ...process.env, KEYSTASH_HOME: t.home, KEYSTASH_KEYCHAIN_SERVICE: t.service });
    await child.line('LOCKED');
    return child;
  };

  it('takes over at once the lock of a writer killed with SIGKILL while holding it', async () => {
    const child = await startHolder();
    const owner = JSON.parse(await readFile(join(lockPath, 'owner'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(child.child.pid);
    child.child.kill('SIGKILL');
    await child.exited;
    expect(await readdir(t.home)).toContain('index.lock'); // left behind, with a fresh mtime
    const ms = await timedWrite();
    console.log(`stale lock of a SIGKILLed writer: next write done in ${ms} ms (stale time ${LOCK_STALE_MS} ms)`);
    expect(ms).toBeLessThan(1_000);
    expect(await readdir(t.home)).not.toContain('index.lock');
  });

  it('recovers a lock folder without an owner record, as a dead process leaves it, once its mtime is stale', async () => {
    await mkdir(lockPath);
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const ms = await timedWrite();
    console.log(`bare lock folder 60 s old: next write done in ${ms} ms`);
    expect(ms).toBeLessThan(1_000);
  });

  it('waits out the stale time for a fresh lock folder it cannot judge, then recovers it', async () => {
    await mkdir(lockPath); // no owner record: from an older or foreign writer, mtime now
    const ms = await timedWrite();
    console.log(`bare lock folder with a fresh mtime: next write done in ${ms} ms (stale time ${LOCK_STALE_MS} ms)`);
    expect(ms).toBeGreaterThanOrEqual(LOCK_STALE_MS - 1_000);
    expect(ms).toBeLessThan(LOCK_STALE_MS + 3_000);
  }, 30_000);

  it('never robs a live holder: the writer waits until the lock is released', async () => {
    const child = await startHolder();
    expect(await deadLockOwner(lockPath)).toBeNull();
    const write = timedWrite();
    await new Promise((r) => setTimeout(r, 1_500));
    child.send('release\n');
    await child.line('RELEASED');
    expect(await write).toBeGreaterThanOrEqual(1_400);
    await child.exited;
  });

  it('judges only owners it can see: another host or pid namespace is left to the stale time', async () => {
    await mkdir(lockPath);
    // Above Linux's largest pid (2^22), so certainly not a running process.
    const owner = { pid: 2 ** 22 + 12_345, host: hostname(), pidNamespace: null as string | null, nonce: '0123456789abcdef' };
    const ownNamespace = await readlink('/proc/self/ns/pid').catch(() => null);
    await writeFile(join(lockPath, 'owner'), JSON.stringify({ ...owner, pidNamespace: ownNamespace }));
    expect(await deadLockOwner(lockPath)).toMatchObject({ pid: owner.pid }); // no such pid here: gone
    await writeFile(join(lockPath, 'owner'), JSON.stringify({ ...owner, pidNamespace: ownNamespace, host: 'another-machine' }));
    expect(await deadLockOwner(lockPath)).toBeNull();
    await writeFile(join(lockPath, 'owner'), JSON.stringify({ ...owner, pidNamespace: 'pid:[1]' }));
    expect(await deadLockOwner(lockPath)).toBeNull();
    await writeFile(join(lockPath, 'owner'), '{"pid": 12'); // torn by a kill
    expect(await deadLockOwner(lockPath)).toBeNull();
  });

  it('clears what killed writers leave: lock attempts, lock removals and index temp files', async () => {
    const leftovers = ['index.lock.0123456789abcdef.tmp', 'audit.lock.fedcba9876543210.tmp', '.index.json.enc.0123456789ab.tmp'];
    for (const name of leftovers.slice(0, 2)) {
      await mkdir(join(t.home, name));
      await writeFile(join(t.home, name, 'owner'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), pidNamespace: null, nonce: 'x' }));
      const old = new Date(Date.now() - 5_000);
      await utimes(join(t.home, name), old, old);
    }
    await writeFile(join(t.home, leftovers[2]!), 'half a file');
    await writeFile(join(t.home, '.index.json.enc.notes'), 'not ours to remove');
    await timedWrite();
    const names = await readdir(t.home);
    for (const name of leftovers) expect(names).not.toContain(name);
    expect(names).toContain('.index.json.enc.notes');
  });
});
