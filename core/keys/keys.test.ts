import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAllFiles, createTestVault, type TestVault } from '../test-support/test-vault';
import { secretAccount } from './key-service';

const STRIPE = 'sk_live_51HqStripeTestValueDoNotUse0123456789abcdef';
const GITHUB = 'ghp_TestValueForKeystash0123456789abcdefABCD';

/** Keys through the dispatcher on the real keychain: what the UI and CLI see. */
describe('keys', () => {
  let t: TestVault;
  let totpSecret: string;
  beforeEach(async () => {
    t = await createTestVault();
    totpSecret = (await t.enrol()).secret;
  });
  afterEach(() => t.cleanup());

  const create = async (args: Record<string, unknown>) => {
    const result = await t.dispatch('createKey', args);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as { id: string; name: string; tags: string[]; rotatedAt: string | null; lastUsedAt: string | null };
  };

  it('stores the value in the keychain under the documented service and account, and nowhere under home', async () => {
    const key = await create({ name: 'Stripe live', secret: STRIPE, envVar: 'STRIPE_KEY', tags: ['prod', 'billing'] });
    const lookedUp = execFileSync('secret-tool', ['lookup', 'service', t.service, 'account', secretAccount(key.id)], {
      encoding: 'utf8',
    });
    expect(lookedUp).toBe(STRIPE);
    for (const file of await readAllFiles(t.home)) {
      expect(file.text, file.path).not.toContain(STRIPE);
      expect(file.text, file.path).not.toContain('Stripe live'); // the index is encrypted, names included
    }
  });

  it('refuses a duplicate name case-insensitively, and leaves the vault as it was', async () => {
    await create({ name: 'Stripe live', secret: STRIPE });
    const again = await t.dispatch('createKey', { name: '  stripe LIVE ', secret: GITHUB });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
    if (!again.ok) expect(again.error.message).not.toContain(GITHUB);
    const list = await t.dispatch('listKeys', {});
    expect(list.ok && list.value.keys.map((k) => k.name)).toEqual(['Stripe live']);
  });

  it('refuses empty and oversized secrets and bad env vars with the field named', async () => {
    expect(await t.dispatch('createKey', { name: 'A', secret: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', field: 'secret' },
    });
    const big = 'x'.repeat(64 * 1024 + 1);
    const oversized = await t.dispatch('createKey', { name: 'A', secret: big });
    expect(oversized).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'secret' } });
    expect(JSON.stringify(oversized)).not.toContain('xxxxxxxx');
    expect(await t.dispatch('createKey', { name: 'A', secret: 's', envVar: '9LIVES' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', field: 'envVar' },
    });
    expect(await t.dispatch('createKey', { name: 'x'.repeat(101), secret: 's' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', field: 'name' },
    });
    // A value of exactly 64 KiB is accepted.
    await create({ name: 'Big', secret: 'y'.repeat(64 * 1024) });
  });

  it('updates fields, keeps tags tidy, rotates and deletes the keychain entry', async () => {
    const key = await create({ name: 'GitHub', secret: GITHUB, tags: ['Prod'] });
    await create({ name: 'Other', secret: STRIPE, tags: ['ci'] });
    const updated = await t.dispatch('updateKey', {
      key: { id: key.id },
      tags: [' CI ', 'ci', 'prod', 'new'],
      url: 'https://github.com/settings/tokens',
      notes: 'org token',
    });
    expect(updated.ok && updated.value.tags).toEqual(['ci', 'prod', 'new']);

    t.clock.advance(1000);
    const rotated = await t.dispatch('rotateKey', { key: { name: 'github' }, secret: 'ghp_rotated' });
    expect(rotated.ok && rotated.value.rotatedAt).toBe(new Date(t.clock.now()).toISOString());
    const revealed = await t.dispatch('revealKey', { key: { id: key.id } });
    expect(revealed).toEqual({ ok: true, value: { value: 'ghp_rotated', hideAfterSeconds: 15 } });

    expect(await t.dispatch('deleteKey', { key: { id: key.id } })).toEqual({ ok: true, value: { id: key.id, name: 'GitHub' } });
    expect(await t.keychain.get(secretAccount(key.id))).toBeNull();
    expect(await t.dispatch('getKey', { key: { id: key.id } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('records lastUsedAt on reveal and copy-like reads, not on listing', async () => {
    const key = await create({ name: 'GitHub', secret: GITHUB });
    await t.dispatch('listKeys', {});
    const before = await t.dispatch('getKey', { key: { id: key.id } });
    expect(before.ok && before.value.lastUsedAt).toBeNull();
    t.clock.advance(5000);
    await t.dispatch('revealKey', { key: { id: key.id } });
    const after = await t.dispatch('getKey', { key: { id: key.id } });
    expect(after.ok && after.value.lastUsedAt).toBe(new Date(t.clock.now()).toISOString());
    const events = (await t.vault.audit.readAll()).map((e) => e.event);
    expect(events).toContain('reveal');
  });

  it('searches name, envVar, provider, tags and notes, ranks name matches first, and ANDs tags', async () => {
    await create({ name: 'Stripe live', secret: 's1', envVar: 'STRIPE_LIVE', provider: 'Stripe', tags: ['prod', 'billing'] });
    await create({ name: 'Stripe test', secret: 's2', provider: 'Stripe', tags: ['dev', 'billing'] });
    await create({ name: 'Billing webhook', secret: 's3', notes: 'signs stripe events', tags: ['prod'] });
    await create({ name: 'OpenAI', secret: 's4', envVar: 'OPENAI_API_KEY', tags: ['ml'] });

    const names = async (args: Record<string, unknown>) => {
      const r = await t.dispatch('listKeys', args);
      return r.ok ? r.value.keys.map((k) => k.name) : r.error.code;
    };
    expect((await names({ query: 'stripe' }))[0]).toMatch(/^Stripe/);
    expect(await names({ query: 'stripe' })).toContain('Billing webhook');
    expect(await names({ query: 'openai_api' })).toEqual(['OpenAI']);
    expect(await names({ query: 'strpe' })).toContain('Stripe live'); // a typo still finds it
    expect(await names({ tags: ['billing'] })).toEqual(['Stripe live', 'Stripe test']);
    expect(await names({ tags: ['PROD', 'billing'] })).toEqual(['Stripe live']);
    expect(await names({ query: 'zzzz-nothing' })).toEqual([]);

    // A limit keeps the top of the same order (the window's first screenful), with the vault's total.
    expect(await names({ limit: 2 })).toEqual(['Billing webhook', 'OpenAI']);
    expect(await names({ query: 'stripe', limit: 1 })).toEqual([(await names({ query: 'stripe' }))[0]]);
    const limited = await t.dispatch('listKeys', { limit: 3 });
    expect(limited.ok && [limited.value.keys.length, limited.value.total]).toEqual([3, 4]);
    expect(await names({ limit: 0 })).toBe('INVALID_ARGUMENT');
    expect(await names({ limit: 2.5 })).toBe('INVALID_ARGUMENT');

    // Keys that match equally well come in name order, not in the order they were added (the window
    // searches the list it holds, which is in name order, and must show what the vault answers).
    await create({ name: 'Zeta 🔑', secret: 's5' });
    await create({ name: 'Beta 🔑', secret: 's6' });
    expect(await names({ query: '🔑' })).toEqual(['Beta 🔑', 'Zeta 🔑']);
  });

  it('flags rotation due, expiring soon and unused keys, and filters by them', async () => {
    await create({ name: 'Old', secret: 's', rotateEveryDays: 30 });
    await create({ name: 'Expiring', secret: 's', expiresAt: new Date(t.clock.now() + 5 * 86_400_000).toISOString() });
    t.clock.advance(91 * 86_400_000);
    await t.vault.unlock(await t.code(totpSecret)); // the session ended long ago on that clock
    await create({ name: 'Fresh', secret: 's' });
    const r = await t.dispatch('listKeys', { filter: 'rotationDue' });
    expect(r.ok && r.value.keys.map((k) => k.name)).toEqual(['Old']);
    const unused = await t.dispatch('listKeys', { filter: 'unused' });
    expect(unused.ok && unused.value.keys.map((k) => k.name).sort()).toEqual(['Expiring', 'Old']);
    // A first screen's counts cover every key, not only those it shows (a minute on: no summary is cached).
    t.clock.advance(61_000);
    const firstScreen = await t.dispatch('listKeys', { limit: 1 });
    expect(firstScreen.ok && [firstScreen.value.keys.length, firstScreen.value.counts]).toEqual([1, { rotationDue: 1, expiringSoon: 1, unused: 2 }]);
    const all = await t.dispatch('listKeys', {});
    expect(all.ok && all.value.counts).toEqual({ rotationDue: 1, expiringSoon: 1, unused: 2 });
    const expiring = all.ok ? all.value.keys.find((k) => k.name === 'Expiring') : undefined;
    expect(expiring?.status).toMatchObject({ expiringSoon: true, expired: true });
  });

  it('renames a tag across keys, merging into an existing one, and deletes a tag', async () => {
    await create({ name: 'A', secret: 's', tags: ['production'] });
    await create({ name: 'B', secret: 's', tags: ['prod', 'production'] });
    await create({ name: 'C', secret: 's', tags: ['prod'] });
    expect(await t.dispatch('renameTag', { from: 'production', to: 'PROD' })).toEqual({
      ok: true,
      value: { renamed: 2, merged: true },
    });
    expect(await t.dispatch('listTags', {})).toEqual({ ok: true, value: { tags: [{ name: 'prod', count: 3 }] } });
    expect(await t.dispatch('deleteTag', { tag: 'Prod' })).toEqual({ ok: true, value: { removedFrom: 3 } });
    expect(await t.dispatch('listTags', {})).toEqual({ ok: true, value: { tags: [] } });
    expect(await t.dispatch('renameTag', { from: 'a,b', to: 'c' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('keeps settings in the index within their limits', async () => {
    expect(await t.dispatch('getSettings', {})).toEqual({ ok: true, value: { autoLockMinutes: 5, clipboardClearSeconds: 20 } });
    expect(await t.dispatch('updateSettings', { clipboardClearSeconds: 0 })).toMatchObject({ ok: true });
    expect(await t.dispatch('updateSettings', { clipboardClearSeconds: 3 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await t.dispatch('updateSettings', { autoLockMinutes: 241 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const reopened = t.reopen();
    expect(await reopened.settings()).toEqual({ autoLockMinutes: 5, clipboardClearSeconds: 0 });
  });

  it('reads an explicit undefined in a settings patch as "unchanged", and the index stays readable', async () => {
    // Found by the contract fuzz test: this once dropped the field from the index and corrupted it.
    expect(await t.dispatch('updateSettings', { autoLockMinutes: 21, clipboardClearSeconds: undefined })).toMatchObject({
      ok: true,
      value: { autoLockMinutes: 21, clipboardClearSeconds: 20 },
    });
    expect(await t.reopen().settings()).toEqual({ autoLockMinutes: 21, clipboardClearSeconds: 20 });
  });
});
