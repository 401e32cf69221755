import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../zod';
import { AUDIT_EVENTS } from '../audit/audit-events';
import { EXPORT_FORMATS } from '../env/export-options';
import { IndexStore } from '../index/index-store';
import { secretAccount } from '../keys/key-service';
import { BIG, DANGEROUS_KEYS, describeValue, hostileValue, trickyObjects, withOwnKey } from '../test-support/hostile-values';
import { totpCodeAt } from '../auth/totp';
import { WatchedVault, type CallReport, type Seed } from '../test-support/watched-vault';
import type { Caller } from './dispatcher';
import { operationNames, operations, type OperationName } from './operations';

/**
 * Fuzzing the contract: every operation (taken from operationNames, so a new one is covered as
 * soon as it exists) gets its share of 10,000 random or malformed argument objects, each sent by
 * both callers ('window' and 'cli') to the dispatcher of ONE real vault on the real keychain.
 * After every call: the answer is an envelope (no throw, no stack trace, no secret value in an
 * error or in an answer that is not a value read, no INTERNAL), and when it is an error the vault
 * is unchanged (see WatchedVault for exactly what that means).
 *
 * Arguments that happen to be VALID for an operation that would change or lock the shared vault
 * run on a separate scratch vault instead (same checks), so the fixture stays as seeded; a second
 * property sends only valid arguments of those operations to the scratch vault.
 *
 * FUZZ_SEED=<n> reproduces a run; the seed is printed with the counts.
 */

const TOTAL_ARGS = Number(process.env.FUZZ_ARGS ?? 10_000);
const RUNS_PER_OP = Math.ceil(TOTAL_ARGS / operationNames.length);
const VALID_RUNS_PER_MUTATING_OP = 30;
/** Each backup or restore with the right passphrase runs scrypt at N = 2^17 (about 0.4 s): fewer runs. */
const VALID_RUNS_SLOW: Partial<Record<OperationName, number>> = { createBackup: 4, restoreBackup: 8 };
const BACKUP_PASSPHRASE = 'fuzzing passphrase \u00e9\u00e9';
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CALLERS: readonly Caller[] = ['window', 'cli'];

/**
 * Where a call with VALID arguments runs. 'scratch' for everything that writes the index or the
 * keychain on success, locks, or starts an enrolment; 'fixture' for reads, and for unlock attempts,
 * whose failures are the point (they are audited and counted by design, and checked as such).
 * A new operation must be placed here: the Record type makes that a compile error until it is.
 */
const WHEN_VALID: Record<OperationName, 'fixture' | 'scratch'> = {
  authStatus: 'fixture',
  beginEnrolment: 'scratch',
  confirmEnrolment: 'fixture',
  unlock: 'fixture',
  unlockWithRecoveryCode: 'fixture',
  lock: 'scratch',
  keepAlive: 'fixture',
  listKeys: 'fixture',
  getKey: 'fixture',
  createKey: 'scratch',
  updateKey: 'scratch',
  rotateKey: 'scratch',
  deleteKey: 'scratch',
  copyKey: 'fixture',
  revealKey: 'fixture',
  copyReference: 'fixture',
  readSecret: 'fixture',
  findKeys: 'fixture',
  readSecrets: 'fixture',
  findStoredValues: 'fixture',
  importKeys: 'scratch',
  exportKeys: 'fixture',
  createBackup: 'scratch',
  restoreBackup: 'scratch',
  // The fuzzed vault has no FileChooser and nothing staged: these answer FORBIDDEN or NOT_FOUND.
  hostFeatures: 'fixture',
  stageEnvImport: 'fixture',
  commitEnvImport: 'fixture',
  chooseExportFile: 'fixture',
  exportToFile: 'fixture',
  scanFolder: 'fixture',
  importScanFindings: 'fixture',
  listTags: 'fixture',
  renameTag: 'scratch',
  deleteTag: 'scratch',
  getSettings: 'fixture',
  updateSettings: 'scratch',
  checkDrift: 'fixture',
  repairDrift: 'scratch',
  listAudit: 'fixture',
  verifyAudit: 'fixture',
};

interface Refs {
  names: readonly string[];
  ids: readonly string[];
  tags: readonly string[];
  /** A real backup of this vault and its passphrase, so restores get past the envelope. */
  backup: { content: string; passphrase: string };
}

const nonBlank = (s: string) => s.trim().length > 0;

/** Random VALID arguments for each operation, aimed at the keys and tags that exist in `refs`. */
function validArgs(refs: Refs): Record<OperationName, fc.Arbitrary<Record<string, unknown>>> {
  const none = fc.constant({});
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...refs.names) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter(nonBlank) },
    { weight: 1, arbitrary: fc.constantFrom('Caf\u00e9', 'Cafe\u0301', '\ud83d\udd11 key', '\u0645\u0641\u062a\u0627\u062d', 'ALPHA', ' padded ') },
  );
  const id = fc.oneof(fc.constantFrom(...refs.ids), fc.uuid());
  const ref = fc.oneof(fc.record({ id }), fc.record({ name }));
  const tag = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...refs.tags) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((t) => nonBlank(t) && !t.includes(',')) },
  );
  const secret = fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }).map((s) => `FZSCRATCH${s}`);
  const envVar = fc.oneof(fc.constant(null), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/));
  const editable = {
    envVar,
    provider: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
    tags: fc.array(tag, { maxLength: 5 }),
    notes: fc.string({ maxLength: 100 }),
    scopes: fc.array(fc.string({ minLength: 1, maxLength: 20 }).filter(nonBlank), { maxLength: 3 }),
    url: fc.constantFrom(null, 'https://dashboard.example.com/keys', 'http://localhost:8080/console'),
    rotateEveryDays: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 3650 })),
    expiresAt: fc.constantFrom(null, '2027-01-31', '2030-12-31T23:59:59Z', '2020-01-01'),
  };
  const refs1to5 = fc.array(ref, { minLength: 1, maxLength: 5 });
  const code = fc.stringMatching(/^\d{6}$/);
  const listQuery = fc.record(
    {
      query: fc.string({ maxLength: 30 }),
      tags: fc.array(tag, { maxLength: 3 }),
      filter: fc.constantFrom('rotationDue', 'expiringSoon', 'unused'),
      sort: fc.constantFrom('name', 'lastUsed', 'created'),
    },
    { requiredKeys: [] },
  );
  return {
    authStatus: none,
    beginEnrolment: none,
    confirmEnrolment: fc.record({ code }),
    unlock: fc.record({ code }),
    unlockWithRecoveryCode: fc.record({ recoveryCode: fc.stringMatching(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/) }),
    lock: none,
    keepAlive: none,
    listKeys: listQuery,
    getKey: fc.record({ key: ref }),
    createKey: fc.record({ name, secret, ...editable }, { requiredKeys: ['name', 'secret'] }),
    updateKey: fc.record({ key: ref, name, ...editable }, { requiredKeys: ['key'] }),
    rotateKey: fc.record({ key: ref, secret }),
    deleteKey: fc.record({ key: ref }),
    copyKey: fc.record({ key: ref }),
    revealKey: fc.record({ key: ref }),
    copyReference: fc.record({ key: ref }),
    readSecret: fc.record({ key: ref }),
    findKeys: fc.record({ keys: fc.array(ref, { maxLength: 5 }) }),
    readSecrets: fc.record(
      { keys: refs1to5, purpose: fc.constantFrom('run', 'inject'), command: fc.constantFrom('node', 'python3') },
      { requiredKeys: ['keys', 'purpose'] },
    ),
    findStoredValues: fc.record({
      values: fc.array(fc.record({ provider: editable.provider, envVar: envVar.filter((v) => v !== null), secret }), { minLength: 1, maxLength: 4 }),
    }),
    importKeys: fc.record(
      {
        entries: fc.array(
          fc.record({ name, secret, envVar, provider: editable.provider, tags: fc.array(tag, { maxLength: 3 }) }, { requiredKeys: ['name', 'secret', 'envVar'] }),
          { minLength: 1, maxLength: 4 },
        ),
        onConflict: fc.constantFrom('skip', 'replace'),
        dryRun: fc.boolean(),
      },
      { requiredKeys: ['entries'] },
    ),
    exportKeys: fc.record(
      { keys: refs1to5, format: fc.constantFrom(...EXPORT_FORMATS), name: fc.constantFrom('keystash', 'my-app.secrets') },
      { requiredKeys: ['keys', 'format'] },
    ),
    createBackup: fc.record({ passphrase: fc.string({ minLength: 12, maxLength: 40 }) }),
    restoreBackup: fc.record(
      {
        content: fc.constantFrom(refs.backup.content, refs.backup.content.slice(0, 200), '{}', 'not a backup'),
        passphrase: fc.constantFrom(refs.backup.passphrase, 'a wrong passphrase'),
        onConflict: fc.constantFrom('skip', 'replace', 'rename'),
        settings: fc.boolean(),
        dryRun: fc.boolean(),
      },
      { requiredKeys: ['content', 'passphrase'] },
    ),
    hostFeatures: none,
    stageEnvImport: fc.record({ file: fc.record({ name: fc.constantFrom('.env', 'prod.env'), text: fc.string({ maxLength: 200 }) }) }, { requiredKeys: [] }),
    commitEnvImport: fc.record({
      stagingId: fc.uuid(),
      rows: fc.array(fc.record({ row: fc.nat(20), name, tags: fc.array(tag, { maxLength: 3 }), onConflict: fc.constantFrom('skip', 'replace') }), { minLength: 1, maxLength: 3 }),
    }),
    chooseExportFile: fc.record({ format: fc.constantFrom(...EXPORT_FORMATS), path: fc.constantFrom('/tmp/keystash-fuzz.env', 'relative.env') }, { requiredKeys: ['format'] }),
    exportToFile: fc.record(
      { targetId: fc.uuid(), keys: refs1to5, format: fc.constantFrom(...EXPORT_FORMATS), allowTracked: fc.boolean(), overwrite: fc.boolean() },
      { requiredKeys: ['targetId', 'keys', 'format'] },
    ),
    scanFolder: fc.record({ path: fc.constantFrom('/tmp', 'relative') }, { requiredKeys: [] }),
    importScanFindings: fc.record({ stagingId: fc.uuid(), fingerprints: fc.array(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 1, maxLength: 3 }) }),
    listTags: none,
    renameTag: fc.record({ from: tag, to: tag }),
    deleteTag: fc.record({ tag }),
    getSettings: none,
    updateSettings: fc.record(
      { autoLockMinutes: fc.integer({ min: 1, max: 240 }), clipboardClearSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 300 })) },
      { requiredKeys: [] },
    ),
    checkDrift: fc.record({ refresh: fc.boolean() }, { requiredKeys: [] }),
    repairDrift: fc.oneof(
      fc.record({ action: fc.constant('adoptOrphans'), accounts: fc.array(id.map((i) => `key:${i}`), { minLength: 1, maxLength: 3 }) }),
      fc.record({ action: fc.constant('forgetMissing'), ids: fc.array(id, { minLength: 1, maxLength: 3 }) }),
    ),
    listAudit: fc.record(
      { keyId: id, event: fc.constantFrom(...AUDIT_EVENTS), limit: fc.integer({ min: 1, max: 10_000 }) },
      { requiredKeys: [] },
    ),
    verifyAudit: none,
  };
}

/** The top-level field names an operation's schema declares (of every option, for a union). */
function shapeKeys(schema: z.core.$ZodType): string[] {
  if (schema instanceof z.core.$ZodObject) return Object.keys(schema._zod.def.shape);
  // $ZodUnion, not ZodMiniUnion: a discriminated union is a $ZodUnion but no ZodMiniUnion.
  if (schema instanceof z.core.$ZodUnion) return [...new Set(schema._zod.def.options.flatMap(shapeKeys))];
  return [];
}

/** One hostile field inside a nested object or array of `base` (a key reference, an import entry). */
function nestedMutation(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const containers = Object.entries(base).filter(([, v]) => typeof v === 'object' && v !== null);
  if (containers.length === 0) return fc.constant(base);
  return fc
    .tuple(fc.constantFrom(...containers), fc.constantFrom(...DANGEROUS_KEYS, 'name', 'id', 'secret', 'extra'), hostileValue)
    .map(([[field, inner], key, value]) => {
      let target: unknown;
      if (Array.isArray(inner)) {
        const first: unknown = inner[0];
        target = [typeof first === 'object' && first !== null ? withOwnKey(first, key, value) : value, ...inner.slice(1)];
      } else {
        target = withOwnKey(inner as object, key, value);
      }
      return withOwnKey(base, field, target);
    });
}

/** Valid arguments with one thing wrong. */
function mutated(valid: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[]): fc.Arbitrary<unknown> {
  return valid.chain((base) => {
    const fields = [...new Set([...keys, ...Object.keys(base), 'extra'])];
    const present = Object.keys(base);
    return fc.oneof(
      fc.tuple(fc.constantFrom(...fields), hostileValue).map(([k, v]) => withOwnKey(base, k, v)),
      fc.tuple(fc.constantFrom(...DANGEROUS_KEYS), hostileValue).map(([k, v]) => withOwnKey(base, k, v)),
      fc.constantFrom(...(present.length > 0 ? present : ['extra'])).map((k) => {
        const copy = { ...base };
        delete copy[k];
        return copy;
      }),
      nestedMutation(base),
      fc.constantFrom<unknown>(
        [base],
        JSON.stringify(base),
        Object.assign(Object.create(null) as object, base),
        Object.assign(Object.create({ injected: true }) as object, base),
        new Map(Object.entries(base)),
        JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(base).slice(1)}`.replace(/, }$/, '}')),
      ),
    );
  });
}

/** Everything the fuzz sends one operation: hostile values, the right keys with wrong types, near-valid, valid. */
function argsFor(op: OperationName, valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const keys = shapeKeys(operations[op].args());
  const wrongTypes =
    keys.length > 0
      ? fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] })
      : fc.dictionary(fc.constantFrom(...DANGEROUS_KEYS, 'x'), hostileValue, { maxKeys: 3 });
  return fc.oneof(
    { weight: 2, arbitrary: hostileValue },
    { weight: 2, arbitrary: wrongTypes },
    { weight: 5, arbitrary: mutated(valid, keys) },
    { weight: 1, arbitrary: valid },
  );
}

/**
 * Calls that run scrypt at N = 2^17 (about 0.4 s each): a backup, or a restore of a real backup
 * file. The malformed-argument property leaves them out, or a few hundred would take minutes; the
 * valid-argument property below sends them (fewer runs), and backup files are fuzzed on their own
 * in core/backup/backup-file.fuzz.test.ts.
 */
const SLOW: Partial<Record<OperationName, (args: unknown) => boolean>> = {
  createBackup: (args) => isValid('createBackup', args),
  restoreBackup: (args) => isValid('restoreBackup', args) && (args as { content: string }).content.includes('"kdf"'),
};
const isSlow = (op: OperationName, args: unknown) => SLOW[op]?.(args) ?? false;

function isValid(op: OperationName, args: unknown): boolean {
  try {
    return operations[op].args().safeParse(args ?? {}).success;
  } catch {
    return false;
  }
}

interface Tally {
  args: number;
  calls: number;
  onScratch: number;
  ok: number;
  failed: number;
  unchangedChecks: number;
  codes: Map<string, number>;
}

const tallies = new Map<string, Tally>();
const tallyOf = (label: string): Tally => {
  let t = tallies.get(label);
  if (!t) tallies.set(label, (t = { args: 0, calls: 0, onScratch: 0, ok: 0, failed: 0, unchangedChecks: 0, codes: new Map() }));
  return t;
};

function count(label: string, report: CallReport, onScratch: boolean): void {
  const t = tallyOf(label);
  t.calls += 1;
  if (onScratch) t.onScratch += 1;
  const result = report.result as { ok: boolean; error?: { code: string } } | undefined;
  if (result?.ok) t.ok += 1;
  else t.failed += 1;
  if (report.checkedUnchanged) t.unchangedChecks += 1;
  const code = result?.ok ? 'ok' : (result?.error?.code ?? 'threw');
  t.codes.set(code, (t.codes.get(code) ?? 0) + 1);
}

const marker = () => `FZSECRET${randomBytes(4).toString('hex')}`;

const SEEDS: Seed[] = [
  { name: 'Stripe live', secret: `sk_live_${marker()}_abc`, envVar: 'STRIPE_KEY', tags: ['payments', 'prod'] },
  { name: 'GitHub token', secret: `ghp_${marker()}\n"quoted" 'single' #hash \\n`, envVar: 'GITHUB_TOKEN', tags: ['prod', 'ci'] },
  { name: '\u00dcn\u00efc\u00f6d\u00e9 \ud83d\udd11', secret: `${marker()}_\u043a\u043b\u044e\u0447_\ud83d\udd11`, envVar: null, tags: ['\u00dcn\u00ef'] },
  { name: 'Big blob', secret: `${marker()}${'b'.repeat(10_000)}`, envVar: 'BIG_BLOB', tags: ['big'] },
];
const SECRET_MARKERS = [...SEEDS.map((s) => /FZSECRET[0-9a-f]{8}/.exec(s.secret)![0]), 'FZSCRATCH'];
const SEED_TAGS = [...new Set(SEEDS.flatMap((s) => s.tags ?? []))];

const SCRATCH_SEEDS: Seed[] = ['alpha', 'Beta', 'Caf\u00e9', '\ud83d\udd11 key'].map((name, i) => ({
  name,
  secret: `FZSCRATCH-seed-${i}`,
  envVar: `SCRATCH_${i}`,
  tags: ['one', i % 2 ? 'odd' : 'even'],
}));

/** Records as the fixture must keep them: everything but lastUsedAt (a value read sets it, by design). */
async function fixtureRecords(w: WatchedVault) {
  const fresh = new IndexStore(w.test.home, w.keychain);
  const data = await fresh.read();
  return { settings: data.settings, keys: data.keys.map(({ lastUsedAt: _ignored, ...rest }) => rest) };
}

describe('contract fuzz: every operation, 10,000 random or malformed argument objects, one real vault', () => {
  let fixture: WatchedVault;
  let scratch: WatchedVault;
  let fixtureRefs: Refs;
  let scratchRefs: Refs;
  let fixtureBaseline: Awaited<ReturnType<typeof fixtureRecords>>;
  let prototypeNames: string[];
  const startedAt = Date.now();

  beforeAll(async () => {
    prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    fixture = await WatchedVault.create(SEEDS, SECRET_MARKERS);
    scratch = await WatchedVault.create(SCRATCH_SEEDS, SECRET_MARKERS);
    const idsOf = async (w: WatchedVault) => (await w.vault.keys.all()).map((k) => k.id);
    const backupOf = async (w: WatchedVault) => {
      const made = await w.call('createBackup', { passphrase: BACKUP_PASSPHRASE }, 'cli');
      const result = made.result as { ok: boolean; value: { content: string } };
      if (!result.ok) throw new Error(`could not make a backup: ${JSON.stringify(made.result)}`);
      return { content: result.value.content, passphrase: BACKUP_PASSPHRASE };
    };
    fixtureRefs = { names: SEEDS.map((s) => s.name), ids: await idsOf(fixture), tags: SEED_TAGS, backup: await backupOf(fixture) };
    scratchRefs = { names: SCRATCH_SEEDS.map((s) => s.name), ids: await idsOf(scratch), tags: ['one', 'odd', 'even'], backup: await backupOf(scratch) };
    fixtureBaseline = await fixtureRecords(fixture);
  }, 60_000);

  afterAll(async () => {
    printCounts(Date.now() - startedAt);
    await fixture?.cleanup();
    await scratch?.cleanup();
  });

  /** Unlocks the scratch vault again after a fuzzed `lock` (a fresh TOTP step each time). */
  async function scratchUnlocked(): Promise<void> {
    if ((await scratch.vault.status()).unlocked) return;
    scratch.test.clock.advance(30_000);
    await scratch.vault.unlock(await totpCodeAt(scratch.enrolment.secret, scratch.test.clock.now()));
  }

  async function send(op: OperationName, args: unknown, caller: Caller): Promise<void> {
    const runsHere = operations[op].callers === 'cli' && caller !== 'cli';
    const onScratch = !runsHere && WHEN_VALID[op] === 'scratch' && isValid(op, args);
    if (onScratch) await scratchUnlocked();
    const report = await (onScratch ? scratch : fixture).call(op, args, caller);
    count(op, report, onScratch);
    if (report.problems.length > 0) {
      throw new Error(`${op} (${caller}${onScratch ? ', scratch vault' : ''}) with ${describeValue(args)}:\n- ${report.problems.join('\n- ')}`);
    }
  }

  /** The fixture still holds exactly its seeds (values read from the keychain itself), unlocked, with a sound audit chain. */
  async function expectFixtureIntact(): Promise<void> {
    expect(await fixtureRecords(fixture)).toEqual(fixtureBaseline);
    for (const [i, seed] of SEEDS.entries()) {
      expect(await fixture.keychain.get(secretAccount(fixtureRefs.ids[i]!))).toBe(seed.secret);
    }
    expect((await fixture.vault.status()).unlocked).toBe(true);
    expect(await fixture.vault.audit.verify()).toMatchObject({ ok: true, firstBrokenSeq: null });
  }

  it.each(operationNames)(`%s: ${RUNS_PER_OP} argument objects, each from both callers`, async (op) => {
    const args = argsFor(op, validArgs(fixtureRefs)[op]).filter((a) => !isSlow(op, a));
    await fc.assert(
      fc.asyncProperty(args, async (a) => {
        tallyOf(op).args += 1;
        for (const caller of CALLERS) await send(op, a, caller);
      }),
      { numRuns: RUNS_PER_OP, seed: SEED, endOnFailure: true },
    );
    await expectFixtureIntact();
  }, 240_000);

  it.each(operationNames.filter((op) => WHEN_VALID[op] === 'scratch'))(
    `%s: valid argument objects on the scratch vault`,
    async (op) => {
      await reseedScratch();
      const callers = operations[op].callers === 'cli' ? (['cli'] as const) : CALLERS;
      await fc.assert(
        fc.asyncProperty(validArgs(scratchRefs)[op], fc.constantFrom(...callers), async (a, caller) => {
          const label = `${op} (valid)`;
          tallyOf(label).args += 1;
          await scratchUnlocked();
          const report = await scratch.call(op, a, caller);
          count(label, report, true);
          if (report.problems.length > 0) throw new Error(`${label} with ${describeValue(a)}:\n- ${report.problems.join('\n- ')}`);
          await expectWrittenValue(op, a, report);
        }),
        { numRuns: VALID_RUNS_SLOW[op] ?? VALID_RUNS_PER_MUTATING_OP, seed: SEED, endOnFailure: true },
      );
    },
    120_000,
  );

  /** Puts the scratch seeds back (names, tags) after earlier properties renamed, deleted or retagged them. */
  let reseeds = 0;
  async function reseedScratch(): Promise<void> {
    await scratchUnlocked();
    // A new value each time: an import that finds the same value skips the key, tags and all.
    reseeds += 1;
    const entries = SCRATCH_SEEDS.map(({ name, secret, envVar, tags }) => ({ name, secret: `${secret}-${reseeds}`, envVar: envVar ?? null, tags }));
    const report = await scratch.call('importKeys', { entries, onConflict: 'replace' }, 'cli');
    expect(report.problems).toEqual([]);
    expect(report.result).toMatchObject({ ok: true });
    const keys = await scratch.vault.keys.all();
    scratchRefs = { ...scratchRefs, ids: keys.map((k) => k.id) };
  }

  /** A successful create or rotate really stored that value in the keychain. */
  async function expectWrittenValue(op: OperationName, args: Record<string, unknown>, report: CallReport): Promise<void> {
    const result = report.result as { ok: boolean; value?: { id: string } };
    if (!result.ok || (op !== 'createKey' && op !== 'rotateKey')) return;
    expect(await scratch.keychain.get(secretAccount(result.value!.id))).toBe(args.secret);
  }

  it('keeps the scratch vault consistent: every key in the index has its value, no orphans, a sound audit chain', async () => {
    await scratchUnlocked();
    const keytar = (await import('keytar')).default;
    const accounts = (await keytar.findCredentials(scratch.keychain.service)).map((c) => c.account);
    const valueAccounts = accounts.filter((a) => a.startsWith('key:') && !a.includes('#')).sort();
    const indexed = (await scratch.vault.keys.all()).map((k) => secretAccount(k.id)).sort();
    expect(valueAccounts).toEqual(indexed);
    expect(await scratch.vault.audit.verify()).toMatchObject({ ok: true });
  });

  it('answers objects whose inspection throws (getters, proxies, revoked proxies) with an envelope', async () => {
    for (const op of operationNames) {
      for (const args of trickyObjects()) {
        tallyOf('hostile objects').args += 1;
        for (const caller of CALLERS) {
          const report = await fixture.call(op, args, caller);
          count('hostile objects', report, false);
          expect(report.problems, `${op} (${caller}) with ${describeValue(args)}`).toEqual([]);
          expect(report.result).toMatchObject({ ok: false });
        }
      }
    }
    await expectFixtureIntact();
  });

  it('refuses non-string and unknown operation names with an envelope', async () => {
    for (const op of [undefined, null, 42, {}, ['listKeys'], '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'listKeys ', 'LISTKEYS', '', BIG.megabyte]) {
      for (const caller of CALLERS) {
        const report = await fixture.call(op, {}, caller);
        expect(report.problems).toEqual([]);
        expect(report.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }
    }
  });

  it('leaves Object.prototype and Array.prototype unpolluted', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).injected).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  function printCounts(ms: number): void {
    const rows = [...tallies].map(([label, t]) => ({
      operation: label,
      args: t.args,
      calls: t.calls,
      'on scratch': t.onScratch,
      ok: t.ok,
      error: t.failed,
      'unchanged checks': t.unchangedChecks,
      codes: [...t.codes].map(([c, n]) => `${c}:${n}`).join(' '),
    }));
    const fuzzed = rows.filter((r) => operationNames.includes(r.operation as OperationName));
    const sum = (key: 'args' | 'calls' | 'ok' | 'error' | 'unchanged checks' | 'on scratch', list = rows) => list.reduce((s, r) => s + r[key], 0);
    console.log(
      [
        `contract fuzz (seed ${SEED}, ${(ms / 1000).toFixed(1)} s): ${operationNames.length} operations, ${RUNS_PER_OP} argument objects each`,
        `  random/malformed: ${sum('args', fuzzed)} argument objects, ${sum('calls', fuzzed)} dispatcher calls (window + cli), ${sum('calls', fuzzed)} envelopes (${sum('ok', fuzzed)} ok, ${sum('error', fuzzed)} errors), ${sum('unchanged checks', fuzzed)} "vault unchanged" checks, ${sum('on scratch', fuzzed)} valid calls moved to the scratch vault`,
        `  all properties: ${sum('args')} argument objects, ${sum('calls')} calls, ${sum('calls')} envelopes, ${sum('unchanged checks')} unchanged checks, 0 throws`,
      ].join('\n'),
    );
    console.table(rows);
  }
});
