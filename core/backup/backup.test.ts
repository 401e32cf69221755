import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, typedDispatch, type TypedDispatch } from '../api/dispatcher';
import type { RestoreReport } from '../api/results';
import { VaultError } from '../errors';
import { createKeytarKeychain } from '../keychain/keytar-keychain';
import type { Keychain } from '../keychain/keychain';
import type { KeyRecord } from '../keys/key-record';
import { secretAccount } from '../keys/key-service';
import { createTestVault, readAllFiles, type TestVault } from '../test-support/test-vault';

const PASSPHRASE = 'tide-pool orchestra 42 🐙';
const PEM = ['-----BEGIN PRIVATE KEY-----', ...Array.from({ length: 20 }, () => randomBytes(48).toString('base64')), '-----END PRIVATE KEY-----', ''].join('\n');
const BIG = randomBytes(48 * 1024).toString('base64'); // 64 KiB exactly
const VALUES: Record<string, string> = {
  'Stripe live': `sk_live_${randomBytes(24).toString('hex')}`,
  'Deploy key (PEM)': PEM,
  'Big blob': BIG,
  'Ключ 🔑 مفتاح': `unicode-valué-${randomBytes(8).toString('hex')}`,
  'e\u0301 combining': `combining-${randomBytes(8).toString('hex')}`,
};

/** A value's digest: a failing comparison then prints 12 hex digits, not 64 KiB of secret. */
const digest = (value: string | null) => (value === null ? null : createHash('sha256').update(value).digest('hex').slice(0, 12));

/** The vault's keys and every value's digest, for "nothing changed" and "everything came back" checks. */
async function snapshot(t: TestVault): Promise<{ keys: KeyRecord[]; values: Record<string, string | null> }> {
  const keys = structuredClone([...(await t.vault.index.read()).keys]);
  const values: Record<string, string | null> = {};
  for (const k of keys) values[k.id] = digest(await t.keychain.get(secretAccount(k.id)));
  return { keys, values };
}

const cliDispatch = (t: TestVault) => typedDispatch(createDispatcher(t.vault, 'cli'));

describe('backup and restore through the contract (real keychain)', () => {
  let source: TestVault;
  let content: string;

  beforeAll(async () => {
    source = await createTestVault();
    await source.enrol();
    for (const [name, secret] of Object.entries(VALUES)) {
      const created = await source.dispatch('createKey', { name, secret, tags: ['prod'], envVar: null });
      expect(created.ok, name).toBe(true);
    }
    await source.dispatch('updateKey', {
      key: { name: 'Stripe live' },
      notes: 'billing\nline two',
      scopes: ['charges:write'],
      url: 'https://dashboard.stripe.com/apikeys',
      rotateEveryDays: 90,
      expiresAt: '2027-01-31',
      provider: 'Stripe',
      envVar: 'STRIPE_API_KEY',
      tags: ['Prod', 'payments'],
    });
    await source.dispatch('rotateKey', { key: { name: 'Stripe live' }, secret: VALUES['Stripe live'] });
    await source.dispatch('updateSettings', { autoLockMinutes: 42, clipboardClearSeconds: 0 });
    const backup = await cliDispatch(source)('createBackup', { passphrase: PASSPHRASE });
    if (!backup.ok) throw new Error(backup.error.message);
    expect(backup.value.keys).toBe(5);
    content = backup.value.content;
  }, 60_000);
  afterAll(() => source.cleanup());

  it('holds no value, name or passphrase in clear, and audits the backup as a count', async () => {
    for (const text of [content, ...(await readAllFiles(source.home)).map((f) => f.text)]) {
      for (const value of [PASSPHRASE, VALUES['Stripe live']!, 'Stripe live', BIG.slice(0, 64)]) expect(text).not.toContain(value);
    }
    const audit = (await source.vault.audit.readAll()).filter((e) => e.event === 'backup');
    expect(audit).toEqual([expect.objectContaining({ event: 'backup', detail: { keys: 5 } })]);
  });

  it('refuses a short passphrase before doing anything', async () => {
    const result = await cliDispatch(source)('createBackup', { passphrase: 'eleven char' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'passphrase: The passphrase must be at least 12 characters.' } });
    // 12 code points, though 24 UTF-16 units: emoji count as one character each.
    expect((await cliDispatch(source)('createBackup', { passphrase: '🔑'.repeat(11) })).ok).toBe(false);
  });

  it('restores into a fresh vault with every field, id, setting and value equal', async () => {
    const target = await createTestVault();
    try {
      await target.enrol();
      const restored = await cliDispatch(target)('restoreBackup', { content, passphrase: PASSPHRASE, settings: true });
      expect(restored).toMatchObject({ ok: true, value: { restored: 5, replaced: 0, renamed: 0, skipped: 0, settingsRestored: true } });
      const [before, after] = [await snapshot(source), await snapshot(target)];
      expect(after.keys).toEqual(before.keys);
      expect(after.values).toEqual(before.values);
      expect(Object.values(after.values)).toEqual(expect.arrayContaining(Object.values(VALUES).map(digest)));
      expect(await target.vault.settings()).toEqual({ autoLockMinutes: 42, clipboardClearSeconds: 0 });
      const audit = (await target.vault.audit.readAll()).filter((e) => e.event === 'restore');
      expect(audit).toEqual([expect.objectContaining({ detail: { restored: 5, replaced: 0, renamed: 0, skipped: 0, settings: true } })]);
      for (const file of await readAllFiles(target.home)) for (const v of Object.values(VALUES)) expect(file.text).not.toContain(v.slice(0, 40));
    } finally {
      await target.cleanup();
    }
  });

  it('resolves conflicts by skip, replace or rename, and leaves settings alone without --settings', async () => {
    const target = await createTestVault();
    try {
      await target.enrol();
      await target.dispatch('createKey', { name: 'STRIPE LIVE', secret: 'the vault own value', notes: 'mine' });
      const run = async (onConflict: 'skip' | 'replace' | 'rename') => {
        const result = await cliDispatch(target)('restoreBackup', { content, passphrase: PASSPHRASE, onConflict });
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const skipped = await run('skip');
      expect(skipped).toMatchObject({ restored: 4, skipped: 1, settingsRestored: false });
      expect(skipped.outcomes[0]).toMatchObject({ name: 'Stripe live', status: 'skipped', reason: 'a key named "STRIPE LIVE" already exists' });
      expect((await target.vault.readSecret({ name: 'Stripe live' })).value).toBe('the vault own value');
      expect(await target.vault.settings()).toEqual({ autoLockMinutes: 5, clipboardClearSeconds: 20 });

      const renamed = await run('rename');
      expect(renamed).toMatchObject({ restored: 0, renamed: 5, skipped: 0 });
      // NFC on both sides: whether the vault stores names composed is the vault's business.
      expect(renamed.outcomes.map((o) => o.restoredAs?.normalize('NFC'))).toEqual(Object.keys(VALUES).map((n) => `${n} (restored)`.normalize('NFC')));
      expect((await target.vault.readSecret({ name: 'Stripe live (restored)' })).value).toBe(VALUES['Stripe live']);
      const again = await run('rename');
      expect(again.outcomes[0]?.restoredAs).toBe('Stripe live (restored 2)');

      const stripeId = (await target.vault.keys.find({ name: 'Stripe live' })).id;
      const replaced = await run('replace');
      expect(replaced).toMatchObject({ replaced: 5 });
      const stripe = await target.vault.keys.find({ name: 'Stripe live' });
      expect(stripe).toMatchObject({ id: stripeId, name: 'Stripe live', notes: 'billing\nline two', envVar: 'STRIPE_API_KEY' });
      expect((await target.vault.readSecret({ id: stripeId })).value).toBe(VALUES['Stripe live']);
      expect((await target.vault.index.read()).keys).toHaveLength(15);
    } finally {
      await target.cleanup();
    }
  });

  it('a dry run opens the file, reports, and changes nothing', async () => {
    const target = await createTestVault();
    try {
      await target.enrol();
      const before = await readFile(target.vault.index.path);
      const result = await cliDispatch(target)('restoreBackup', { content, passphrase: PASSPHRASE, dryRun: true });
      expect(result).toMatchObject({ ok: true, value: { dryRun: true, restored: 5 } });
      expect((await readFile(target.vault.index.path)).equals(before)).toBe(true);
      for (const id of (await snapshot(source)).keys.map((k) => k.id)) expect(await target.keychain.get(secretAccount(id))).toBeNull();
    } finally {
      await target.cleanup();
    }
  });

  describe('all or nothing', () => {
    /** A target vault on the real keychain, whose keychain writes can be made to fail or to run a hook. */
    async function faultyTarget() {
      const real = createKeytarKeychain(`keystash-test-${randomBytes(6).toString('hex')}`);
      let writes = 0;
      const control = { failAtWrite: Infinity, staysDown: false, onWrite: null as null | ((n: number) => Promise<void>) };
      const keychain: Keychain = {
        ...real,
        async set(account, value) {
          if (account.startsWith('key:')) {
            writes += 1;
            await control.onWrite?.(writes);
            if (writes === control.failAtWrite || (control.staysDown && writes > control.failAtWrite)) throw new VaultError('KEYCHAIN_UNAVAILABLE', 'The keychain went away (injected for a test).');
          }
          return real.set(account, value);
        },
      };
      const target = await createTestVault({ keychain });
      await target.enrol();
      await target.dispatch('createKey', { name: 'Stripe live', secret: 'old stripe value' });
      await target.dispatch('createKey', { name: 'Big blob', secret: 'old blob value' });
      await target.dispatch('createKey', { name: 'Unrelated', secret: 'unrelated value' });
      writes = 0;
      return { target, control, dispatch: cliDispatch(target) as TypedDispatch };
    }

    const backupIds = async () => (await snapshot(source)).keys.map((k) => k.id);

    it('a keychain failure midway puts back every value it wrote or replaced, and the index is untouched', async () => {
      const { target, control, dispatch } = await faultyTarget();
      try {
        const before = await snapshot(target);
        const indexBytes = await readFile(target.vault.index.path);
        control.failAtWrite = 4; // after three values went in, replaced ones among them
        const result = await dispatch('restoreBackup', { content, passphrase: PASSPHRASE, onConflict: 'replace' });
        expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
        expect((await readFile(target.vault.index.path)).equals(indexBytes)).toBe(true);
        expect(await snapshot(target)).toEqual(before);
        for (const id of await backupIds()) expect(await target.keychain.get(secretAccount(id))).toBeNull();
        expect((await target.vault.audit.readAll()).some((e) => e.event === 'restore')).toBe(false);
      } finally {
        await target.cleanup();
      }
    });

    it('when the keychain stays down, says that entries could not be put back (and the index is still untouched)', async () => {
      const { target, control, dispatch } = await faultyTarget();
      try {
        const indexBytes = await readFile(target.vault.index.path);
        Object.assign(control, { failAtWrite: 3, staysDown: true });
        const result = await dispatch('restoreBackup', { content, passphrase: PASSPHRASE, onConflict: 'replace' });
        expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/keychain entr(y|ies) could not be put back/) } });
        expect((await readFile(target.vault.index.path)).equals(indexBytes)).toBe(true);
      } finally {
        await target.cleanup();
      }
    });

    it('another process adding a key mid-restore voids it: CONFLICT, and the keychain is put back', async () => {
      const { target, control, dispatch } = await faultyTarget();
      try {
        const other = target.reopen();
        control.onWrite = async (n) => {
          if (n === 2) await other.keys.create({ name: 'Added elsewhere', secret: 'elsewhere value' });
        };
        const before = await snapshot(target);
        const result = await dispatch('restoreBackup', { content, passphrase: PASSPHRASE, onConflict: 'replace' });
        expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/nothing was restored/) } });
        const after = await snapshot(target);
        expect(after.keys.filter((k) => k.name !== 'Added elsewhere')).toEqual(before.keys);
        expect(Object.values(after.values)).toEqual(expect.arrayContaining(Object.values(before.values)));
        for (const id of await backupIds()) expect(await target.keychain.get(secretAccount(id))).toBeNull();
      } finally {
        await target.cleanup();
      }
    });

    it('never overwrites a keychain value the index lost track of: that key takes a new id', async () => {
      const { target, dispatch } = await faultyTarget();
      try {
        const [firstId] = await backupIds();
        await target.keychain.set(secretAccount(firstId!), 'orphaned value');
        const result = await dispatch('restoreBackup', { content, passphrase: PASSPHRASE, onConflict: 'rename' });
        expect(result.ok).toBe(true);
        const outcome = (result as { value: RestoreReport }).value.outcomes[0]!;
        expect(outcome.id).not.toBe(firstId);
        expect(await target.keychain.get(secretAccount(firstId!))).toBe('orphaned value');
        expect((await target.vault.readSecret({ id: outcome.id })).value).toBe(VALUES['Stripe live']);
      } finally {
        await target.cleanup();
      }
    });

    it('a wrong passphrase or an edited file changes nothing', async () => {
      const { target, dispatch } = await faultyTarget();
      try {
        const before = await snapshot(target);
        const indexBytes = await readFile(target.vault.index.path);
        expect(await dispatch('restoreBackup', { content, passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'WRONG_CODE' } });
        const envelope = JSON.parse(content) as { data: string };
        const data = Buffer.from(envelope.data, 'base64');
        data[data.length >> 1]! ^= 0x01;
        const tampered = JSON.stringify({ ...envelope, data: data.toString('base64') });
        expect(await dispatch('restoreBackup', { content: tampered, passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'WRONG_CODE' } });
        expect(await dispatch('restoreBackup', { content: content.slice(0, -100), passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
        expect((await readFile(target.vault.index.path)).equals(indexBytes)).toBe(true);
        expect(await snapshot(target)).toEqual(before);
      } finally {
        await target.cleanup();
      }
    });
  });
});
