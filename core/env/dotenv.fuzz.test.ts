import { randomUUID } from 'node:crypto';
import { parse } from 'dotenv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatcher';
import { importEntry } from '../api/schemas';
import { referenceFor } from '../refs/reference';
import { UNICODE_ODDITIES } from '../test-support/hostile-values';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { DotenvScanMismatch, scanDotenv } from './dotenv-scan';
import { planDotenvImport } from './import-plan';
import { RewriteChangesMeaning, rewriteWithReferences } from './rewrite-references';
import { TRICKY_ENV } from './tricky-env.fixture';

/**
 * .env files as they come: random bytes, unterminated quotes, NULs, CR/LF mixes, huge lines,
 * duplicate and odd names, and the tricky fixture cut short or with bits flipped. The import path
 * (scanDotenv -> planDotenvImport -> importKeys) must, for every one of them:
 * - read it exactly as dotenv does, or refuse with DotenvScanMismatch (which the CLI turns into
 *   "Cannot read FILE safely: ..."), naming variables only, never a value; no other error escapes;
 * - plan one row per variable without throwing, every planned entry valid for the contract and
 *   holding dotenv's value, every refused row saying why without quoting the value;
 * - rewrite the values to references so that dotenv reads the references back, and every other
 *   variable exactly as before; or refuse the rewrite with RewriteChangesMeaning, naming variables
 *   only (a quote in a moved value can be what kept another line's open quote from pairing);
 * - import through the contract (dry run; and for some, for real, values read back from the keychain).
 *
 * Whitespace-only runs are kept short on purpose: dotenv's own line pattern is quadratic in a run of
 * lines holding only blanks (20,000 lines of " " take seconds in dotenv.parse itself); that is
 * dotenv's behaviour, shared by every program that reads the file, not the import's.
 */

const RUNS = { bytes: 300, structured: 600, tricky: 300, realImports: 25 };

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');
const name = fc.oneof(
  fc.constantFrom('API_KEY', 'DUP', 'DUP', 'export', 'a.b', 'x-y', '_U', '9LEADING', 'KEY', 'K'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,12}$/),
);
const valueText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...UNICODE_ODDITIES, '\u0000', 'a\u0000b', '#', ' # c', '$HOME', '${X}', '\\n', '\\', 'keystash://Other'),
  fc.constantFrom('x'.repeat(70_000), 'y'.repeat(10_000), '\u00e9'.repeat(33_000)),
);
const quoted = fc.tuple(fc.constantFrom("'", '"', '`', ''), valueText, fc.boolean()).map(([q, v, closed]) => `${q}${v}${closed ? q : ''}`);
const assignment = fc
  .tuple(fc.constantFrom('', 'export ', '  ', '\t'), name, fc.constantFrom('=', ' = ', ': ', '=  ', ':'), quoted, fc.constantFrom('', ' # comment', '#x', '  '))
  .map((parts) => parts.join(''));
const envLine = fc.oneof(
  { weight: 6, arbitrary: assignment },
  { weight: 1, arbitrary: fc.constantFrom('', '# comment', '   ', '\t', '=novalue', 'NOEQUALS', '"', "'", '`', '\u0000', '\ufeffBOM=1') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom(`LONG=${'z'.repeat(200_000)}`, `${'g'.repeat(100_000)}`) },
);
const envText = fc
  .array(fc.tuple(envLine, lineEnding), { maxLength: 25 })
  .map((lines) => lines.map(([l, e]) => l + e).join(''));

interface Outcome {
  read: number;
  refused: number;
  rewritesRefused: number;
  rows: number;
  entries: number;
}

describe('.env fuzz: every file reads as dotenv reads it, or is refused clearly', () => {
  let t: TestVault;
  let dispatch: ReturnType<typeof createDispatcher>;
  let cli: ReturnType<typeof createDispatcher>;
  const outcome: Outcome = { read: 0, refused: 0, rewritesRefused: 0, rows: 0, entries: 0 };
  let realImports = 0;

  beforeAll(async () => {
    t = await createTestVault();
    await t.enrol();
    dispatch = createDispatcher(t.vault, 'window');
    cli = createDispatcher(t.vault, 'cli');
  });

  afterAll(async () => {
    console.log(
      `.env fuzz: ${outcome.read + outcome.refused} files, ${outcome.read} read as dotenv reads them, ${outcome.refused} refused (DotenvScanMismatch), ${outcome.rows} rows planned, ${outcome.entries} entries valid for importKeys, ${outcome.rewritesRefused} rewrites refused, ${realImports} real imports read back`,
    );
    await t?.cleanup();
  });

  /** Messages name variables only; a value short enough or equal to a name cannot be told apart. */
  function expectNoValueIn(message: string, values: Record<string, string>): void {
    for (const [variable, value] of Object.entries(values)) {
      if (value.length >= 6 && !Object.keys(values).some((n) => n.includes(value))) expect(message, variable).not.toContain(value);
    }
  }

  /** The whole import path on one text; returns the planned entries (empty when refused). */
  function importPath(text: string) {
    let scanned: ReturnType<typeof scanDotenv>;
    const values = parse(text);
    try {
      scanned = scanDotenv(text);
    } catch (error) {
      expect(error, String(error)).toBeInstanceOf(DotenvScanMismatch);
      expectNoValueIn((error as Error).message, values);
      outcome.refused += 1;
      return [];
    }
    outcome.read += 1;
    expect(Object.fromEntries([...scanned.values].map(([k, e]) => [k, e.value]))).toEqual({ ...values });

    const rows = planDotenvImport(scanned, { tags: ['imported'] });
    outcome.rows += rows.length;
    expect(rows.map((r) => r.variable)).toEqual([...scanned.values.keys()]);
    for (const row of rows) {
      const value = values[row.variable]!;
      if (row.entry) {
        expect(importEntry().safeParse(row.entry).success, row.variable).toBe(true);
        expect(row.entry.secret).toBe(value);
      } else {
        expect(row.reason).toBeTruthy();
        if (value.length >= 6) expect(row.reason).not.toContain(value);
      }
    }

    // --rewrite: references in place of the planned values, everything else as dotenv read it.
    const entries = rows.flatMap((r) => (r.entry ? [r.entry] : []));
    const references = new Map(entries.map((e) => [e.envVar!, referenceFor(e.name)]));
    outcome.entries += entries.length;
    let rewritten: string;
    try {
      rewritten = rewriteWithReferences(text, scanned, references).text;
    } catch (error) {
      expect(error, String(error)).toBeInstanceOf(RewriteChangesMeaning);
      expectNoValueIn((error as Error).message, values);
      outcome.rewritesRefused += 1;
      return entries;
    }
    const reread = parse(rewritten);
    for (const variable of Object.keys(values)) {
      expect(reread[variable], `${variable} after the rewrite`).toBe(references.get(variable) ?? values[variable]);
    }
    return entries;
  }

  async function dryRun(entries: ReturnType<typeof importPath>): Promise<void> {
    if (entries.length === 0) return;
    const result = await dispatch('importKeys', { entries, dryRun: true });
    expect(result, JSON.stringify(result).slice(0, 300)).toMatchObject({ ok: true, value: { dryRun: true } });
  }

  it('random bytes, decoded as readFile(path, "utf8") decodes them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        await dryRun(importPath(Buffer.from(bytes).toString('utf8')));
      }),
      { numRuns: RUNS.bytes },
    );
  });

  it('lines of assignments with every quote, unterminated quotes, NULs, CR/LF mixes and huge values', async () => {
    await fc.assert(
      fc.asyncProperty(envText, async (text) => {
        await dryRun(importPath(text));
      }),
      { numRuns: RUNS.structured },
    );
  });

  it('the tricky fixture cut short anywhere, or with bits flipped', async () => {
    const bytes = Buffer.from(TRICKY_ENV);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 })), { maxLength: 4 }),
        async (end, flips) => {
          const copy = Buffer.from(bytes.subarray(0, end));
          for (const [offset, bit] of flips) if (offset < copy.length) copy[offset]! ^= 1 << bit;
          await dryRun(importPath(copy.toString('utf8')));
        },
      ),
      { numRuns: RUNS.tricky },
    );
  });

  it('imports for real what it planned: every stored value reads back from the keychain exactly', async () => {
    await fc.assert(
      fc.asyncProperty(envText, async (text) => {
        const entries = importPath(text).map((e) => ({ ...e, name: `${e.name} ${randomUUID().slice(0, 8)}` }));
        if (entries.length === 0) return;
        const result = await dispatch('importKeys', { entries });
        expect(result).toMatchObject({ ok: true });
        const report = (result as { value: { outcomes: { status: string; id: string | null }[] } }).value;
        for (const [i, o] of report.outcomes.entries()) {
          if (o.status !== 'created') {
            expect(o.status).toBe('failed'); // only what the keychain refuses, e.g. a lone surrogate
            continue;
          }
          const read = await cli('readSecret', { key: { id: o.id } });
          expect(read).toEqual({ ok: true, value: { value: entries[i]!.secret } });
        }
        realImports += 1;
      }),
      { numRuns: RUNS.realImports },
    );
  });
});
