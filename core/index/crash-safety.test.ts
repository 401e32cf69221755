import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_STALE_MS } from '../fs/vault-lock';
import { secretAccount } from '../keys/key-service';
import { bundleCoreEntry, startCoreChild } from '../test-support/core-child';
import { seededRandom } from '../test-support/seeded-random';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { IndexStore } from './index-store';

/**
 * Crash safety, on the real keychain: a child process creates keys in a loop through the
 * dispatcher, printing "ACK <name> <id>" (written synchronously) after each acknowledged write, and
 * is killed with SIGKILL at a random moment. 200 times, on the same vault. After every kill the
 * index must decrypt and parse and hold every acknowledged key, with its value in the keychain.
 *
 * CRASH_KILLS=<n> and CRASH_SEED=<n> change the run; the figures are printed at the end.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** The kill lands this long (uniformly random) after the child is told to start writing. */
const MAX_KILL_DELAY_MS = 250;

const WRITER = `
import { writeSync } from 'node:fs';
import { createDispatcher } from './core/api/dispatcher';
import { openVault } from './core/open-vault';

// Start-up (loading the bundle and keytar) happens before GO, while the previous writer still runs.
await import('keytar');
const vault = openVault();
const dispatch = createDispatcher(vault, 'cli');
const round = process.env.CRASH_ROUND;
writeSync(1, 'READY\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let i = 0; ; i++) {
  const name = 'crash ' + round + '-' + i;
  const result = await dispatch('createKey', { name, secret: valueOf(name) });
  if (!result.ok) {
    writeSync(2, 'FAILED ' + result.error.code + ': ' + result.error.message + '\\n');
    process.exit(3);
  }
  writeSync(1, 'ACK ' + name + ' ' + result.value.id + '\\n');
}
function valueOf(name) { return 'crash-value:' + name; }
`;
const valueOf = (name: string) => `crash-value:${name}`;
const run = promisify(execFile);

/** "ACK <name> <id>": the name has spaces, the id none. */
function parseAck(line: string): { name: string; id: string } {
  const rest = line.slice('ACK '.length);
  const space = rest.lastIndexOf(' ');
  return { name: rest.slice(0, space), id: rest.slice(space + 1) };
}

const isIndexTemp = (name: string) => /^\.index\.json\.enc\.[0-9a-f]{12}\.tmp$/.test(name);

describe('crash safety under SIGKILL', () => {
  let t: TestVault;
  let entry: string;
  beforeAll(async () => {
    t = await createTestVault({ now: Date.now });
    await t.enrol();
    entry = await bundleCoreEntry(WRITER);
  });
  afterAll(async () => {
    // Hundreds of entries: secret-tool clears them in one go, far faster than one delete per entry.
    await run('secret-tool', ['clear', 'service', t.service]).catch(() => undefined);
    await t.cleanup();
    await rm(entry, { force: true });
  });

  it(`keeps every acknowledged key through ${KILLS} kills at random points`, async () => {
    const random = seededRandom(SEED);
    const env = { ...process.env, KEYSTASH_HOME: t.home, KEYSTASH_KEYCHAIN_SERVICE: t.service };
    const acknowledged = new Map<string, string>(); // name -> id
    const figures = {
      survived: 0,
      lost: 0,
      killsHoldingIndexLock: 0,
      killsHoldingAuditLock: 0,
      killsLeavingTemp: 0,
      maxTempsSeen: 0,
      slowestFirstAckMs: 0,
    };
    const started = Date.now();

    const writer = (round: number) => startCoreChild(entry, { ...env, CRASH_ROUND: String(round) });
    let next = writer(0);
    for (let round = 0; round < KILLS; round++) {
      const child = next;
      await child.line('READY');
      const locksBefore = (await readdir(t.home)).filter((n) => n.includes('.lock'));
      const go = Date.now();
      child.send('GO\n');
      // Every other round waits for one write first, so that the kill often lands mid-loop rather
      // than at the first write, and so that the wait for a lock left by the last kill is timed.
      if (round % 2 === 1) {
        await child.line('ACK ');
        const waited = Date.now() - go;
        figures.slowestFirstAckMs = Math.max(figures.slowestFirstAckMs, waited);
        // A lock left by the killed writer is taken over at once (its owner is dead), never after the stale time.
        expect(waited, `first write of round ${round}; locks left before it: ${locksBefore.join(', ')}`).toBeLessThan(LOCK_STALE_MS / 2);
      }
      await new Promise((r) => setTimeout(r, random(MAX_KILL_DELAY_MS + 1)));
      child.child.kill('SIGKILL');
      // The next writer starts up (until it is told GO) while this round is checked.
      if (round + 1 < KILLS) next = writer(round + 1);
      const exit = await child.exited;
      expect(exit.signal, `round ${round} ended by itself: ${child.stderr()}`).toBe('SIGKILL');

      const acks = child.lines.filter((l) => l.startsWith('ACK ')).map(parseAck);
      for (const { name, id } of acks) acknowledged.set(name, id);

      const names = await readdir(t.home);
      if (names.includes('index.lock')) figures.killsHoldingIndexLock++;
      if (names.includes('audit.lock')) figures.killsHoldingAuditLock++;
      const temps = names.filter(isIndexTemp).length;
      if (temps > 0) figures.killsLeavingTemp++;
      figures.maxTempsSeen = Math.max(figures.maxTempsSeen, temps);
      // The next write removes a leftover, so at most the one from this kill is ever there.
      expect(temps, `temp files after round ${round}`).toBeLessThanOrEqual(1);

      // A fresh store, as a restarted app would open it: decrypts and parses, or throws.
      const data = await new IndexStore(t.home, t.keychain).read();
      const byName = new Map(data.keys.map((k) => [k.name, k.id]));
      const lostNow = [...acknowledged].filter(([name, id]) => byName.get(name) !== id);
      figures.lost += lostNow.length;
      expect(lostNow, `acknowledged keys missing after round ${round}`).toEqual([]);
      for (const { name, id } of acks) expect(await t.keychain.get(secretAccount(id)), name).toBe(valueOf(name));
      figures.survived++;
    }

    // Every acknowledged value, once more at the end; then one ordinary write clears what is left.
    for (const [name, id] of acknowledged) expect(await t.keychain.get(secretAccount(id)), name).toBe(valueOf(name));
    const after = await t.dispatch('createKey', { name: 'after the kills', secret: 'calm' });
    expect(after.ok).toBe(true);
    const leftovers = (await readdir(t.home)).filter((n) => isIndexTemp(n) || n.endsWith('.lock') || n.includes('.lock.'));
    expect(leftovers).toEqual([]);
    const listing = Date.now();
    const accounts = await t.keychain.listAccounts();
    const listMs = Date.now() - listing;
    const drift = await (await t.vault.doctor()).check();
    expect(drift.missingValues).toEqual([]); // the keychain is written first, so never an entry without a value
    const audit = await t.vault.audit.verify();
    expect(audit.ok).toBe(true);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `crash safety (seed ${SEED}): kills survived ${figures.survived}/${KILLS}, acknowledged keys ${acknowledged.size}, lost ${figures.lost}, ${seconds} s`,
        `  kills while holding the index lock ${figures.killsHoldingIndexLock}, the audit lock ${figures.killsHoldingAuditLock}; slowest first write after a kill ${figures.slowestFirstAckMs} ms`,
        `  kills that left an index temp file ${figures.killsLeavingTemp} (at most ${figures.maxTempsSeen} at once, removed by the next write)`,
        `  values in the keychain without a key (a kill between the keychain write and the index write): ${drift.orphanedValues.length}; audit chain intact over ${audit.entries} entries`,
        `  listing the keychain for the drift check: ${accounts.length} entries in ${listMs} ms`,
      ].join('\n'),
    );
    expect(figures.lost).toBe(0);
    expect(figures.survived).toBe(KILLS);
  }, 240_000);
});
