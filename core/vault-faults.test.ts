import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from './api/dispatcher';
import type { Result } from './api/results';
import { findDrift } from './doctor/drift';
import type { ErrorCode } from './errors';
import { DATA_KEY_ACCOUNT } from './index/data-key-account';
import { createKeychainFailingLater } from './keychain/failing-keychain';
import { keychainLockedMessage, keychainUnavailableMessage } from './keychain/keytar-errors';
import type { KeyRecord } from './keys/key-record';
import { secretAccount } from './keys/key-service';
import { createTestVault, type TestVault } from './test-support/test-vault';
import { Vault } from './vault';

/**
 * Keychain faults, shown with failure injection over the REAL keychain: a wrapper passes the first
 * N calls of an operation through to gnome-keyring and then fails every call, as the Secret Service
 * disappearing mid-session (KEYCHAIN_UNAVAILABLE) or the OS locking the keychain (KEYCHAIN_LOCKED)
 * look to core. For every N from 0 until the operation succeeds, the failure must be a clear typed
 * error, and afterwards the index and the keychain must agree: no entry without its value, and no
 * value left without an entry (unless the error says so, for values the dead keychain refused to
 * take back). The real no-Secret-Service case is covered in core/keychain tests.
 */

const OLD_VALUE = 'old-value-of-existing';

interface Case {
  op: 'createKey' | 'rotateKey' | 'deleteKey' | 'importKeys';
  args: unknown;
}

const CASES: Case[] = [
  { op: 'createKey', args: { name: 'Fresh key', secret: 'fresh-value' } },
  { op: 'rotateKey', args: { key: { name: 'Existing' }, secret: 'rotated-value' } },
  { op: 'deleteKey', args: { key: { name: 'Existing' } } },
  {
    op: 'importKeys',
    args: {
      entries: [
        { name: 'Imported one', secret: 'imported-1', envVar: 'IMPORTED_ONE' },
        { name: 'Existing', secret: 'imported-over-existing', envVar: null },
        { name: 'Imported two', secret: 'imported-2', envVar: 'IMPORTED_TWO' },
        { name: 'Imported three', secret: 'imported-3', envVar: 'IMPORTED_THREE' },
      ],
      onConflict: 'replace',
    },
  },
];

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  KEYCHAIN_UNAVAILABLE: keychainUnavailableMessage(),
  KEYCHAIN_LOCKED: keychainLockedMessage(),
};

const sortById = (keys: readonly KeyRecord[]) => [...keys].sort((a, b) => a.id.localeCompare(b.id));

describe('keychain faults mid-operation (failure injection over the real keychain)', () => {
  let t: TestVault;
  const figures: string[] = [];

  beforeAll(async () => {
    t = await createTestVault({ now: Date.now });
    await t.enrol();
  });
  afterAll(async () => {
    console.log(`keychain faults:\n${figures.join('\n')}`);
    await t.cleanup();
  });

  /** Puts the vault back to one key, "Existing", with its old value, and nothing else. */
  const reset = async () => {
    for (const key of await t.vault.keys.all()) await t.vault.keys.delete({ id: key.id });
    for (const account of await t.keychain.listAccounts()) if (account.startsWith('key:')) await t.keychain.delete(account);
    const created = await t.dispatch('createKey', { name: 'Existing', secret: OLD_VALUE });
    expect(created.ok).toBe(true);
  };

  const snapshot = async () => ({
    bytes: await readFile(join(t.home, 'index.json.enc')),
    keys: sortById((await t.vault.index.read()).keys),
  });

  for (const code of ['KEYCHAIN_UNAVAILABLE', 'KEYCHAIN_LOCKED'] as const) {
    for (const { op, args } of CASES) {
      it(`${op}: ${code} at every step leaves the index and the keychain in agreement`, async () => {
        const outcomes: string[] = [];
        for (let calls = 0; ; calls++) {
          expect(calls, 'the operation never succeeded').toBeLessThan(25);
          await reset();
          const before = await snapshot();
          const failing = createKeychainFailingLater(t.keychain, code, { failAfterCalls: calls });
          // A second process's vault on the same home and keychain service: same shared session.
          const faulty = new Vault({ home: t.home, keychain: failing.keychain });
          faulty.on('backgroundError', () => undefined); // the session renewal after the reply may fail too
          const result = (await createDispatcher(faulty, 'window')(op, args)) as Result<unknown>;
          await faulty.settle();

          const after = await snapshot();
          const drift = findDrift(after.keys, await t.keychain.listAccounts(), Date.now());
          expect(drift.missingValues, `${op} failing after ${calls} calls`).toEqual([]);
          if (result.ok) {
            expect(drift.orphanedValues).toEqual([]);
            outcomes.push(`ok after ${calls}`);
            break;
          }
          expect(result.error.code, result.error.message).toBe(code);
          expect(result.error.message).toContain(MESSAGES[code]);
          expect(result.error.message).not.toMatch(/\n\s+at |value-|imported-/); // no stack, no value
          // Only a keychain that dies in the middle of an import can keep values it refused to take back, and the error says so.
          const leftNew = Number(/(\d+) new values? stays? in the keychain without a key/.exec(result.error.message)?.[1] ?? 0);
          const leftReplaced = /existing keys? keeps? the imported value/.test(result.error.message);
          expect(drift.orphanedValues, result.error.message).toHaveLength(leftNew);
          // The index holds exactly what it held: untouched, or (delete) its entry put back.
          expect(after.keys).toEqual(before.keys);
          if (op !== 'deleteKey') expect(after.bytes.equals(before.bytes)).toBe(true);
          const existing = after.keys.find((k) => k.name === 'Existing')!;
          const value = await t.keychain.get(secretAccount(existing.id));
          expect(value).toBe(leftReplaced ? 'imported-over-existing' : OLD_VALUE);
          const left = leftNew + (leftReplaced ? 1 : 0);
          outcomes.push(`${result.error.code} after ${calls}${left ? ` (${left} write${left > 1 ? 's' : ''} not undone, reported)` : ''}`);
        }
        figures.push(`  ${op} / ${code}: ${outcomes.join(', ')}`);
      }, 60_000);
    }
  }

  it('a keychain locked for key entries only (the session still readable) refuses a create cleanly', async () => {
    await reset();
    const before = await snapshot();
    const failing = createKeychainFailingLater(t.keychain, 'KEYCHAIN_LOCKED', {
      failAfterCalls: 0,
      onlyAccount: (account) => account.startsWith('key:'),
    });
    const faulty = new Vault({ home: t.home, keychain: failing.keychain });
    const dispatch = createDispatcher(faulty, 'window');
    expect(await dispatch('createKey', { name: 'Blocked', secret: 'blocked-value' })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_LOCKED', message: keychainLockedMessage() },
    });
    expect(await dispatch('revealKey', { key: { name: 'Existing' } })).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_LOCKED' } });
    expect((await snapshot()).bytes.equals(before.bytes)).toBe(true);
    failing.heal(); // the user unlocked the keychain
    expect(await dispatch('revealKey', { key: { name: 'Existing' } })).toMatchObject({ ok: true, value: { value: OLD_VALUE } });
    await faulty.settle();
  });
});

describe('the data key missing from the keychain', () => {
  let t: TestVault;
  beforeAll(async () => {
    t = await createTestVault({ now: Date.now });
    await t.enrol();
    expect((await t.dispatch('createKey', { name: 'Kept', secret: 'kept-value' })).ok).toBe(true);
  });
  afterAll(() => t.cleanup());

  it('is CORRUPT_INDEX for every operation that needs the index, leaves the file untouched, and writes nothing to the keychain', async () => {
    const path = join(t.home, 'index.json.enc');
    const bytes = await readFile(path);
    const dataKey = (await t.keychain.get(DATA_KEY_ACCOUNT))!;
    const accountsBefore = (await t.keychain.listAccounts()).filter((a) => a !== DATA_KEY_ACCOUNT).sort();
    await t.keychain.delete(DATA_KEY_ACCOUNT);
    try {
      // As the next process to open the vault (the app restarted, or a CLI command) sees it.
      const fresh = t.reopen();
      const dispatch = createDispatcher(fresh, 'window');
      for (const [op, args] of [
        ['listKeys', {}],
        ['createKey', { name: 'New', secret: 'new-value' }],
        ['rotateKey', { key: { name: 'Kept' }, secret: 'rotated' }],
        ['deleteKey', { key: { name: 'Kept' } }],
        ['importKeys', { entries: [{ name: 'Imported', secret: 'imported', envVar: null }] }],
        ['checkDrift', { refresh: true }],
      ] as const) {
        const result = await dispatch(op, args);
        expect(result, op).toMatchObject({ ok: false, error: { code: 'CORRUPT_INDEX' } });
        if (!result.ok) expect(result.error.message).toMatch(/data key is missing.*left untouched/);
      }
      await fresh.settle();
      expect(await readFile(path)).toEqual(bytes);
      expect((await t.keychain.listAccounts()).sort()).toEqual(accountsBefore); // no value written, none removed
    } finally {
      await t.keychain.set(DATA_KEY_ACCOUNT, dataKey);
    }
    // Put back, the same file opens again: nothing was lost.
    const again = createDispatcher(t.reopen(), 'window');
    expect(await again('revealKey', { key: { name: 'Kept' } })).toMatchObject({ ok: true, value: { value: 'kept-value' } });
  });
});
