import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatcher';
import { isVaultError } from '../errors';
import { newKeyRecord } from '../keys/key-record';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { hostileValue } from '../test-support/hostile-values';
import { Vault } from '../vault';
import { sealIndex } from './index-crypto';
import type { IndexData } from './index-schema';
import { DATA_KEY_ACCOUNT } from './data-key-account';
import { IndexStore } from './index-store';

/**
 * The encrypted index, damaged every way a disk, a sync tool or a person can damage it: cut short
 * at many offsets, bits flipped, replaced by garbage or by other JSON, its envelope fields wrong,
 * its tag wrong or cut short, and well-encrypted contents of the wrong shape. Each time:
 * - reading, updating and initialising refuse with CORRUPT_INDEX and a sentence that names the file
 *   and says it was left untouched (or that a newer Keystash wrote it), never a raw error;
 * - the contract answers with that error too (no INTERNAL);
 * - the file is byte for byte what it was.
 * A flip may land where it changes nothing (an unused bit of a base64 tail): then the index must
 * open to exactly the original contents, never to something else.
 */

const RUNS = { truncation: 200, bitFlip: 300, multiFlip: 100, garbage: 100, json: 100, envelope: 150, contents: 150 };

type Outcome = 'refused' | 'opened unchanged';

describe('index file fuzz: damaged index files are refused and left untouched', () => {
  let t: TestVault;
  let path: string;
  let original: Buffer;
  let originalSealed: Record<string, unknown>;
  let originalData: IndexData;
  let dataKey: Buffer;
  const outcomes = new Map<string, Map<Outcome, number>>();

  beforeAll(async () => {
    t = await createTestVault();
    await t.enrol();
    for (const [name, tags] of [
      ['Stripe live', ['prod']],
      ['Caf\u00e9 \ud83d\udd11', ['\u00fcn\u00ef']],
      ['\u05de\u05e4\u05ea\u05d7', []],
    ] as const) {
      expect(await t.dispatch('createKey', { name, secret: `value of ${name}`, tags: [...tags] })).toMatchObject({ ok: true });
    }
    await t.vault.settle();
    path = t.vault.index.path;
    original = await readFile(path);
    originalSealed = JSON.parse(original.toString('utf8')) as Record<string, unknown>;
    originalData = await new IndexStore(t.home, t.keychain).read();
    dataKey = Buffer.from((await t.keychain.get(DATA_KEY_ACCOUNT))!, 'base64');
  });

  afterAll(async () => {
    console.log(
      `index file fuzz: ${[...outcomes].map(([kind, m]) => `${kind}: ${[...m].map(([o, n]) => `${n} ${o}`).join(', ')}`).join('; ')}`,
    );
    await t?.cleanup();
  });

  const tally = (kind: string, outcome: Outcome) => {
    const m = outcomes.get(kind) ?? new Map<Outcome, number>();
    m.set(outcome, (m.get(outcome) ?? 0) + 1);
    outcomes.set(kind, m);
  };

  function expectClearError(error: unknown): void {
    expect(isVaultError(error), String(error)).toBe(true);
    const e = error as { code: string; message: string };
    expect(e.code).toBe('CORRUPT_INDEX');
    expect(e.message).toMatch(/left untouched|newer Keystash/);
    expect(e.message).not.toMatch(/\n\s+at\s/);
  }

  /** Writes `damaged` as the index and checks every way of opening it; returns what happened. */
  async function openDamaged(kind: string, damaged: Buffer | string): Promise<Outcome> {
    await writeFile(path, damaged);
    const before = await readFile(path);
    const store = new IndexStore(t.home, t.keychain);
    let outcome: Outcome;
    try {
      const data = await store.read();
      // Opening is only right when the damage changed nothing that matters.
      expect(data).toEqual(originalData);
      outcome = 'opened unchanged';
    } catch (error) {
      expectClearError(error);
      const other = new IndexStore(t.home, t.keychain);
      await other.update((d) => void d.keys.push(newKeyRecord(randomUUID(), 'must not land', new Date().toISOString()))).then(
        () => expect.fail('update wrote over a damaged index'),
        expectClearError,
      );
      await new IndexStore(t.home, t.keychain).initialise().then(() => expect.fail('initialise accepted a damaged index'), expectClearError);
      const vault = new Vault({ home: t.home, keychain: t.keychain, now: t.clock.now });
      const dispatch = createDispatcher(vault, 'window');
      expect(await dispatch('listKeys', {})).toMatchObject({ ok: false, error: { code: 'CORRUPT_INDEX' } });
      expect(await dispatch('createKey', { name: 'must not land', secret: 'v' })).toMatchObject({ ok: false, error: { code: 'CORRUPT_INDEX' } });
      await vault.settle();
      outcome = 'refused';
    }
    expect((await readFile(path)).equals(before), `${kind}: the file changed`).toBe(true);
    tally(kind, outcome);
    return outcome;
  }

  const seal = (plaintext: string) => JSON.stringify(sealIndex(plaintext, dataKey));

  it('refuses the file cut short at any offset', async () => {
    for (const end of [0, 1, original.length - 1]) expect(await openDamaged('truncation', original.subarray(0, end))).toBe('refused');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: original.length - 1 }), async (end) => {
        expect(await openDamaged('truncation', original.subarray(0, end))).toBe('refused');
      }),
      { numRuns: RUNS.truncation },
    );
  });

  it('refuses flipped bits, or opens to exactly the same contents', async () => {
    const flip = (bytes: Buffer, flips: readonly (readonly [number, number])[]) => {
      const copy = Buffer.from(bytes);
      for (const [offset, bit] of flips) copy[offset]! ^= 1 << bit;
      return copy;
    };
    const aFlip = fc.tuple(fc.integer({ min: 0, max: original.length - 1 }), fc.integer({ min: 0, max: 7 }));
    await fc.assert(
      fc.asyncProperty(aFlip, async (f) => void (await openDamaged('one bit flipped', flip(original, [f])))),
      { numRuns: RUNS.bitFlip },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(aFlip, { minLength: 2, maxLength: 16 }), async (fs) => void (await openDamaged('several bits flipped', flip(original, fs)))),
      { numRuns: RUNS.multiFlip },
    );
  });

  it('refuses garbage bytes and other JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await openDamaged('garbage bytes', Buffer.from(bytes))).toBe('refused');
      }),
      { numRuns: RUNS.garbage },
    );
    expect(await openDamaged('garbage bytes', randomBytes(5 * 1024 * 1024))).toBe('refused');
    await fc.assert(
      fc.asyncProperty(fc.json(), async (text) => {
        expect(await openDamaged('other JSON', text)).toBe('refused');
      }),
      { numRuns: RUNS.json },
    );
  });

  it('refuses an envelope with wrong, missing or mistyped fields, and a wrong or shortened tag or IV', async () => {
    const tag = Buffer.from(originalSealed.tag as string, 'base64');
    const iv = Buffer.from(originalSealed.iv as string, 'base64');
    const wrong: Record<string, unknown>[] = [
      { tag: tag.subarray(0, 4).toString('base64') }, // GCM would check only 4 bytes without authTagLength
      { tag: tag.subarray(0, 8).toString('base64') },
      { tag: tag.subarray(0, 12).toString('base64') },
      { tag: tag.subarray(0, 15).toString('base64') },
      { tag: Buffer.concat([tag, Buffer.from([0])]).toString('base64') },
      { tag: '' },
      { tag: randomBytes(16).toString('base64') },
      { iv: iv.subarray(0, 8).toString('base64') },
      { iv: Buffer.concat([iv, iv]).toString('base64') },
      { iv: '' },
      { data: '' },
      { data: sealIndex(JSON.stringify(originalData), randomBytes(32)).data }, // another vault's key
      { version: 3 },
      { version: 1 },
      { version: 0 },
      { version: '2' },
      { alg: 'A128GCM' },
      { format: 'keystash-backup' },
    ];
    for (const fields of wrong) expect(await openDamaged('wrong envelope field', JSON.stringify({ ...originalSealed, ...fields })), JSON.stringify(fields)).toBe('refused');
    for (const field of Object.keys(originalSealed)) {
      const { [field]: _dropped, ...rest } = originalSealed;
      expect(await openDamaged('missing envelope field', JSON.stringify(rest))).toBe('refused');
    }
    // A whole other sealed index (the right key, another IV and tag) under the original's tag.
    const other = JSON.parse(seal(JSON.stringify(originalData))) as Record<string, unknown>;
    expect(await openDamaged('wrong envelope field', JSON.stringify({ ...other, tag: originalSealed.tag }))).toBe('refused');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(originalSealed)), hostileValue, async (field, value) => {
        let text: string;
        try {
          text = JSON.stringify({ ...originalSealed, [field]: value });
        } catch {
          return; // not JSON at all (a BigInt): nothing a file could hold
        }
        if (text === undefined || text === original.toString('utf8')) return;
        await openDamaged('mistyped envelope field', text);
      }),
      { numRuns: RUNS.envelope },
    );
  });

  it('refuses contents of the wrong shape even when they decrypt (the right key, the wrong JSON)', async () => {
    const key = originalData.keys[0]!;
    const fixed: unknown[] = [
      null,
      [],
      'index',
      { ...originalData, schema: 2 },
      { ...originalData, schema: 0 },
      { ...originalData, schema: '1' },
      { ...originalData, keys: {} },
      { ...originalData, settings: undefined },
      { ...originalData, settings: { autoLockMinutes: 0, clipboardClearSeconds: 20 } },
      { ...originalData, extra: true },
      { ...originalData, keys: [{ ...key, id: 'not-a-uuid' }] },
      { ...originalData, keys: [{ ...key, name: '' }] },
      { ...originalData, keys: [{ ...key, tags: 'prod' }] },
      { ...originalData, keys: [{ ...key, value: 'sk_live_leaked' }] },
      { ...originalData, keys: [{ ...key, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }] },
    ];
    for (const contents of fixed) {
      const outcome = await openDamaged('wrong contents', seal(JSON.stringify(contents) ?? 'undefined'));
      expect(outcome, JSON.stringify(contents)?.slice(0, 100)).toBe('refused');
    }
    expect(await openDamaged('wrong contents', seal('{"schema":1,"keys":['))).toBe('refused');
    expect(await openDamaged('wrong contents', seal('\u0000'))).toBe('refused');
    // A field of a key, or of the settings, set to a value of another type.
    const recordFields = Object.keys(key);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...recordFields),
        fc.constantFrom<unknown>(12345, true, {}, [1], [{}]),
        async (field, value) => {
          const broken = { ...originalData, keys: [{ ...key, [field]: value }, ...originalData.keys.slice(1)] };
          expect(await openDamaged('wrong contents', seal(JSON.stringify(broken)))).toBe('refused');
        },
      ),
      { numRuns: RUNS.contents },
    );
  });

  it('opens again once the original file is back', async () => {
    await writeFile(path, original);
    expect(await new IndexStore(t.home, t.keychain).read()).toEqual(originalData);
    const vault = new Vault({ home: t.home, keychain: t.keychain, now: t.clock.now });
    expect(await createDispatcher(vault, 'window')('listKeys', {})).toMatchObject({ ok: true, value: { total: 3 } });
    await vault.settle();
  });
});
