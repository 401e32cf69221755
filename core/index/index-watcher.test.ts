import { rm, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCoreEntry, startCoreChild } from '../test-support/core-child';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { WATCH_MIN_GAP_MS } from './index-watcher';

/**
 * The app notices what the CLI writes: a watching Vault emits 'vaultChanged' within a second of
 * another process's index write, never for its own writes, coalesces bursts without starving under
 * a steady writer, and stays quiet while locked. The other process is a real one (a core child
 * writing through the dispatcher, as the CLI does).
 */

const WRITER = `
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createDispatcher } from './core/api/dispatcher';
import { newKeyRecord } from './core/keys/key-record';
import { openVault } from './core/open-vault';
const vault = openVault();
const dispatch = createDispatcher(vault, 'cli');
const writes = Number(process.env.WRITES);
const gap = Number(process.env.GAP_MS);
for (let i = 0; i < writes; i++) {
  const name = process.env.PREFIX + ' ' + i;
  if (process.env.INDEX_ONLY) {
    // No session needed: an index write as a CLI that unlocked with its own code would make it.
    await vault.index.update((data) => void data.keys.push(newKeyRecord(randomUUID(), name, new Date().toISOString())));
  } else {
    const result = await dispatch('createKey', { name, secret: 'v' });
    if (!result.ok) { writeSync(2, result.error.message); process.exit(3); }
  }
  writeSync(1, 'WROTE ' + i + ' ' + Date.now() + '\\n');
  await new Promise((r) => setTimeout(r, gap));
}
writeSync(1, 'DONE\\n');
process.exit(0);
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('vaultChanged from another process', () => {
  let t: TestVault;
  let writer: string;
  let secret: string;
  const events: { at: number; indexMtime: number }[] = [];
  let runs = 0;

  beforeAll(async () => {
    t = await createTestVault({ now: Date.now });
    ({ secret } = await t.enrol());
    writer = await bundleCoreEntry(WRITER);
    t.vault.on('vaultChanged', () => {
      const at = Date.now();
      void stat(t.vault.index.path).then((s) => events.push({ at, indexMtime: s.mtimeMs }));
    });
    t.vault.watch();
  });
  afterAll(async () => {
    await t.cleanup();
    await rm(writer, { force: true });
  });

  /** Runs the writer to its end; returns when each write was acknowledged (epoch ms). */
  const writeElsewhere = async (writes: number, gapMs: number, indexOnly = false): Promise<number[]> => {
    const child = startCoreChild(writer, {
      ...process.env,
      KEYSTASH_HOME: t.home,
      KEYSTASH_KEYCHAIN_SERVICE: t.service,
      WRITES: String(writes),
      GAP_MS: String(gapMs),
      PREFIX: `elsewhere ${++runs}`,
      ...(indexOnly ? { INDEX_ONLY: '1' } : {}),
    });
    const exit = await child.exited;
    expect(exit.code, child.stderr()).toBe(0);
    return child.lines.filter((l) => l.startsWith('WROTE ')).map((l) => Number(l.split(' ')[2]));
  };

  it('arrives within a second of a write by another process', async () => {
    events.length = 0;
    const [wrote] = await writeElsewhere(1, 0);
    await sleep(1_000);
    expect(events).toHaveLength(1);
    const latency = Math.round(events[0]!.at - events[0]!.indexMtime);
    console.log(`vaultChanged ${latency} ms after another process's index write (ack to event: ${events[0]!.at - wrote!} ms)`);
    expect(latency).toBeLessThan(1_000);
    // The list the window reloads on that event has the new key.
    const listed = await t.dispatch('listKeys', {});
    expect(listed.ok && listed.value.keys.map((k) => k.name)).toContain(`elsewhere ${runs} 0`);
  });

  it('does not arrive for the vault’s own writes', async () => {
    await sleep(500);
    events.length = 0;
    const created = await t.dispatch('createKey', { name: 'own write', secret: 'v' });
    expect(created.ok).toBe(true);
    await t.dispatch('updateKey', { key: { name: 'own write' }, notes: 'edited here' });
    await t.dispatch('revealKey', { key: { name: 'own write' } }); // a lastUsedAt write after the reply
    await t.vault.settle();
    await t.dispatch('deleteKey', { key: { name: 'own write' } });
    await sleep(800);
    expect(events).toEqual([]);
  });

  it('coalesces a burst, and keeps reporting under a steady writer rather than waiting for it to stop', async () => {
    events.length = 0;
    const acks = await writeElsewhere(25, 40);
    await sleep(600);
    const first = acks[0]!;
    const span = acks.at(-1)! - first;
    console.log(`steady writer: ${acks.length} writes over ${span} ms gave ${events.length} vaultChanged events`);
    // Bounded by the minimum gap, not one per write...
    expect(events.length).toBeLessThanOrEqual(Math.ceil(span / WATCH_MIN_GAP_MS) + 2);
    expect(events.length).toBeLessThan(acks.length);
    // ...the first well before the writer stopped, and the last after its last write.
    expect(events[0]!.at - first).toBeLessThan(1_000);
    expect(events.at(-1)!.indexMtime).toBeGreaterThanOrEqual(acks.at(-1)! - 50);
  });

  it('stays quiet while the vault is locked, and reports again once unlocked', async () => {
    await t.vault.lock();
    events.length = 0;
    await writeElsewhere(5, 20, true);
    await sleep(600);
    expect(events).toEqual([]);
    await t.vault.unlock(await t.code(secret, 1));
    await writeElsewhere(1, 0);
    await sleep(800);
    expect(events).toHaveLength(1);
  });
});
