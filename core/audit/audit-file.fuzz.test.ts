import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatcher';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { AuditLog, GENESIS_HASH } from './audit-log';

/**
 * The audit log damaged every way a disk or a person can damage it: cut short, bits flipped, lines
 * of garbage or of other JSON inserted or swapped in, lines deleted, swapped or duplicated, the
 * whole file replaced. Each time:
 * - verify() never throws and reports exactly the first broken link: the first line that is not
 *   the original line at that place (seq = its position), or ok when what is left is an intact
 *   prefix of the original;
 * - readAll() never throws and lists only lines that are entries, never invents one;
 * - the contract's verifyAudit and listAudit answer (never INTERNAL);
 * - an append after the damage neither throws nor makes it worse: every byte before it stays (a
 *   torn last line is only ended with a newline), the new entry is one whole line, and verify()
 *   reports the same first broken link as before (an intact prefix simply goes on, still ok).
 */

const RUNS = { truncation: 200, bitFlip: 300, multiFlip: 100, lines: 300, reorder: 100, garbage: 100 };

interface Verdict {
  ok: boolean;
  entries: number;
  firstBrokenSeq: number | null;
}

describe('audit file fuzz: damage is reported at its first broken link, and appends never make it worse', () => {
  let t: TestVault;
  let log: AuditLog;
  let path: string;
  let original: Buffer;
  let originalLines: string[];
  let dispatch: ReturnType<typeof createDispatcher>;
  const counts = new Map<string, { cases: number; intact: number; broken: number }>();

  beforeAll(async () => {
    t = await createTestVault();
    await t.enrol();
    log = new AuditLog(t.home, t.clock.now);
    const ids = [randomUUID(), randomUUID()];
    for (let i = 0; i < 30; i++) {
      const event = (['create', 'copy', 'reveal', 'update', 'run'] as const)[i % 5]!;
      await log.append({ event, keyId: ids[i % 2]!, detail: { n: i, note: i % 7 ? 'plain' : 'caf\u00e9 \ud83d\udd11 \u05de\u05e4' } });
    }
    path = `${t.home}/audit.jsonl`;
    original = await readFile(path);
    originalLines = lines(original);
    dispatch = createDispatcher(t.vault, 'window');
    expect(await log.verify()).toMatchObject({ ok: true, entries: originalLines.length });
  });

  afterAll(async () => {
    console.log(`audit file fuzz: ${[...counts].map(([k, c]) => `${k}: ${c.cases} cases (${c.broken} broken, ${c.intact} intact prefixes)`).join('; ')}`);
    await t?.cleanup();
  });

  const lines = (bytes: Buffer) =>
    bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);

  /** What verify() must say: the first line that is not the original's line at that place breaks the chain. */
  function expected(damaged: Buffer): Verdict {
    const now = lines(damaged);
    let i = 0;
    while (i < now.length && i < originalLines.length && now[i] === originalLines[i]) i++;
    return i === now.length ? { ok: true, entries: now.length, firstBrokenSeq: null } : { ok: false, entries: now.length, firstBrokenSeq: i + 1 };
  }

  async function check(kind: string, damaged: Buffer): Promise<void> {
    await writeFile(path, damaged);
    const want = expected(damaged);
    const c = counts.get(kind) ?? { cases: 0, intact: 0, broken: 0 };
    c.cases += 1;
    c[want.ok ? 'intact' : 'broken'] += 1;
    counts.set(kind, c);

    const verdict = await log.verify();
    expect({ ok: verdict.ok, entries: verdict.entries, firstBrokenSeq: verdict.firstBrokenSeq }).toEqual(want);
    expect(verdict.reason === null).toBe(verdict.ok);

    const listed = await log.readAll();
    const present = new Set(
      lines(damaged).flatMap((l) => {
        try {
          return [JSON.stringify(JSON.parse(l))];
        } catch {
          return [];
        }
      }),
    );
    for (const entry of listed) {
      expect(typeof entry).toBe('object');
      expect(Number.isSafeInteger(entry.seq)).toBe(true);
      expect(present.has(JSON.stringify(entry)), 'readAll listed a line that is not in the file').toBe(true);
    }

    for (const [op, args] of [
      ['verifyAudit', {}],
      ['listAudit', {}],
      ['listAudit', { event: 'copy', limit: 5 }],
      ['listAudit', { keyId: randomUUID() }],
    ] as const) {
      expect(await dispatch(op, args), op).toMatchObject({ ok: true });
    }

    // An append after the damage.
    const appended = await log.append({ event: 'lock', detail: { reason: 'user' } });
    const after = await readFile(path);
    const torn = damaged.length > 0 && damaged[damaged.length - 1] !== 0x0a;
    const head = torn ? Buffer.concat([damaged, Buffer.from('\n')]) : damaged;
    expect(after.subarray(0, head.length).equals(head), `${kind}: bytes before the append changed`).toBe(true);
    expect(after.subarray(head.length).toString('utf8')).toBe(`${JSON.stringify(appended)}\n`);
    const again = await log.verify();
    if (want.ok) expect(again).toMatchObject({ ok: true, entries: want.entries + 1 });
    else expect(again).toMatchObject({ ok: false, firstBrokenSeq: want.firstBrokenSeq });
  }

  it('reports a log cut short at any offset (a torn last line) and appends after it cleanly', async () => {
    for (const end of [0, 1, original.length - 1, original.length]) await check('truncation', original.subarray(0, end));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: original.length }), (end) => check('truncation', original.subarray(0, end))),
      { numRuns: RUNS.truncation },
    );
  });

  it('reports flipped bits at the first line they touch', async () => {
    const flip = (flips: readonly (readonly [number, number])[]) => {
      const copy = Buffer.from(original);
      for (const [offset, bit] of flips) copy[offset]! ^= 1 << bit;
      return copy;
    };
    const aFlip = fc.tuple(fc.integer({ min: 0, max: original.length - 1 }), fc.integer({ min: 0, max: 7 }));
    await fc.assert(fc.asyncProperty(aFlip, (f) => check('one bit flipped', flip([f]))), { numRuns: RUNS.bitFlip });
    await fc.assert(
      fc.asyncProperty(fc.array(aFlip, { minLength: 2, maxLength: 12 }), (fs) => check('several bits flipped', flip(fs))),
      { numRuns: RUNS.multiFlip },
    );
  });

  /** Lines that are not entries of this chain, from nonsense to near-misses. */
  const strangeLine = fc.oneof(
    fc.constantFrom(
      'null',
      '42',
      '"text"',
      '[]',
      '{}',
      '{"seq":"x"}',
      '{"seq":null,"hash":7}',
      '{"seq":1e400}',
      '{"__proto__":{"polluted":true},"seq":1}',
      `{"seq":1,"ts":"2025-01-01T00:00:00.000Z","event":"copy","hash":"${GENESIS_HASH}"}`,
      'x'.repeat(100_000),
      '\u0000\u0001\u0002',
      '\ufeff{}',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).map((s) => s.replace(/\n/g, ' ')),
    fc.json().map((s) => s.replace(/\n/g, ' ')),
  );

  it('reports inserted or replacing lines of garbage or other JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 31 }), strangeLine, fc.boolean(), async (at, line, replace) => {
        const next = [...originalLines];
        const i = Math.min(at, next.length - (replace ? 1 : 0));
        next.splice(i, replace ? 1 : 0, line);
        await check(replace ? 'line replaced' : 'line inserted', Buffer.from(`${next.join('\n')}\n`));
      }),
      { numRuns: RUNS.lines },
    );
  });

  it('reports deleted, swapped and duplicated lines, and an added field the hash does not cover', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom('delete', 'swap', 'duplicate'), async (a, b, how) => {
        const next = [...originalLines];
        const i = Math.min(a, next.length - 1);
        const j = Math.min(b, next.length - 1);
        if (how === 'delete') next.splice(i, 1);
        if (how === 'swap') [next[i], next[j]] = [next[j]!, next[i]!];
        if (how === 'duplicate') next.splice(j, 0, next[i]!);
        await check({ delete: 'line deleted', swap: 'lines swapped', duplicate: 'line duplicated' }[how], Buffer.from(`${next.join('\n')}\n`));
      }),
      { numRuns: RUNS.reorder },
    );
    const next = [...originalLines];
    next[5] = next[5]!.replace(/}$/, ',"value":"sk_live_smuggled"}');
    await check('field added', Buffer.from(`${next.join('\n')}\n`));
    expect(await log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 6 });
  });

  it('reports a whole file of garbage, and starts a fresh chain after it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (bytes) => check('garbage file', Buffer.from(bytes))),
      { numRuns: RUNS.garbage },
    );
    await check('garbage file', randomBytes(1024 * 1024));
    await check('garbage file', Buffer.from('\n\n\n'));
  });

  it('leaves Object.prototype unpolluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
