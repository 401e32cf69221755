import { describe, expect, it } from 'vitest';
import { emptyIndex, type IndexData } from '../index/index-schema';
import { newKeyRecord } from '../keys/key-record';
import type { BackupKey } from './backup-contents';
import { applyRestore, keyIdentities, planRestore, restoredName } from './restore-plan';

const STAMP = '2026-01-01T00:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const backupKey = (n: number, name: string, extra: Partial<BackupKey> = {}): BackupKey => ({
  ...newKeyRecord(uuid(n), name, STAMP),
  value: `value-${n}`,
  ...extra,
});
const vaultWith = (...keys: [number, string, string[]?][]): IndexData => {
  const data = emptyIndex();
  for (const [n, name, tags] of keys) data.keys.push({ ...newKeyRecord(uuid(n), name, STAMP), tags: tags ?? [] });
  return data;
};
const ids = (() => {
  let next = 900;
  return () => uuid(next++);
})();

describe('restore plan', () => {
  it('restores free names under their own name and id; a taken id gets a new one', () => {
    const steps = planRestore([backupKey(1, 'Stripe'), backupKey(2, 'AWS')], vaultWith([2, 'Renamed meanwhile']), 'skip', ids);
    expect(steps.map((s) => [s.status, s.name, s.id])).toEqual([
      ['restored', 'Stripe', uuid(1)],
      ['restored', 'AWS', expect.not.stringMatching(uuid(2))],
    ]);
  });

  it('conflicts by name ignoring case: skip keeps the vault key, replace takes its id, rename adds a suffix', () => {
    const vault = vaultWith([7, 'stripe']);
    const keys = [backupKey(1, 'Stripe')];
    expect(planRestore(keys, vault, 'skip', ids)[0]).toMatchObject({ status: 'skipped', id: uuid(7), name: 'stripe' });
    expect(planRestore(keys, vault, 'replace', ids)[0]).toMatchObject({ status: 'replaced', id: uuid(7), name: 'Stripe' });
    expect(planRestore(keys, vault, 'rename', ids)[0]).toMatchObject({ status: 'renamed', id: uuid(1), name: 'Stripe (restored)' });
  });

  it('picks "(restored 2)" and on when earlier ones are taken, by the vault or by the backup itself', () => {
    const vault = vaultWith([7, 'GitHub'], [8, 'GitHub (restored)']);
    const steps = planRestore([backupKey(1, 'GitHub'), backupKey(2, 'github (RESTORED 2)')], vault, 'rename', ids);
    expect(steps.map((s) => s.name)).toEqual(['GitHub (restored 3)', 'github (RESTORED 2)']);
  });

  it('shortens a long name to fit the 100-character limit, never splitting an emoji', () => {
    const long = `${'x'.repeat(88)}🔑🔑🔑🔑🔑`; // 98 UTF-16 units
    const name = restoredName(long, new Set([long.toLowerCase()]));
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith(' (restored)')).toBe(true);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
  });

  it('applies every field from the backup, keeps a replaced key\'s id, and uses the vault\'s tag spelling', () => {
    const vault = vaultWith([7, 'Stripe', ['Prod']]);
    const full = backupKey(1, 'Stripe', {
      envVar: 'STRIPE_KEY',
      provider: 'Stripe',
      tags: ['prod', 'payments'],
      notes: 'line 1\nline 2',
      scopes: ['read', 'write'],
      url: 'https://dashboard.stripe.com',
      createdAt: '2024-02-02T00:00:00.000Z',
      updatedAt: '2025-02-02T00:00:00.000Z',
      lastUsedAt: '2025-03-03T00:00:00.000Z',
      rotatedAt: '2025-01-01T00:00:00.000Z',
      rotateEveryDays: 90,
      expiresAt: '2027-01-31',
    });
    const steps = planRestore([full, backupKey(2, 'New', { tags: ['PAYMENTS'] })], vault, 'replace', ids);
    const data = structuredClone(vault);
    applyRestore(data, steps, { autoLockMinutes: 30, clipboardClearSeconds: 0 });
    const { value: _ignored, ...fields } = full;
    expect(data.keys[0]).toEqual({ ...fields, id: uuid(7), tags: ['Prod', 'payments'] });
    expect(data.keys[1]).toMatchObject({ id: uuid(2), name: 'New', tags: ['payments'] });
    expect(data.settings).toEqual({ autoLockMinutes: 30, clipboardClearSeconds: 0 });
    expect(JSON.stringify(data)).not.toContain('value-');
  });

  it('identities change with a create, rename or delete, not with other edits', () => {
    const vault = vaultWith([1, 'A'], [2, 'B']);
    const before = keyIdentities(vault);
    const touched = structuredClone(vault);
    touched.keys[0]!.notes = 'edited';
    touched.keys[1]!.lastUsedAt = STAMP;
    expect(keyIdentities(touched)).toBe(before);
    expect(keyIdentities(vaultWith([1, 'A'], [2, 'C']))).not.toBe(before);
    expect(keyIdentities(vaultWith([1, 'A']))).not.toBe(before);
  });
});
