import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyIndex } from '../index/index-schema';
import { newKeyRecord } from '../keys/key-record';
import { parseContents, serialiseContents, type BackupKey } from './backup-contents';

const STAMP = '2026-01-01T00:00:00.000Z';
const backupWith = (fields: Partial<BackupKey>) =>
  serialiseContents({
    keys: [{ ...newKeyRecord(randomUUID(), 'Stripe live', STAMP), value: 'sk_live_backup_contents_test', ...fields }],
    settings: emptyIndex().settings,
  });

describe('a decrypted backup passes the rules a key typed by hand passes', () => {
  it.each([
    ['a bidi override in a name', { name: 'Stripe \u202Elive' }, /keys\.0\.name is refused \(A name cannot contain control characters/],
    ['a comma in a tag', { tags: ['prod,live'] }, /keys\.0\.tags\.0 is refused \(A tag cannot contain a comma\.\)/],
    ['an envVar with a dash', { envVar: 'STRIPE-KEY' }, /keys\.0\.envVar does not match the expected structure/],
  ])('refuses %s, saying where, without the value', (_what, fields, message) => {
    const attempt = () => parseContents(backupWith(fields));
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/so it cannot be restored\. Nothing was changed\.$/);
    expect(attempt).not.toThrow(/sk_live_backup_contents_test/);
  });

  it('stores a name and tags in NFC, as the contract does', () => {
    const { keys } = parseContents(backupWith({ name: 'Cafe\u0301 API', tags: ['cafe\u0301'] }));
    expect(keys[0]?.name).toBe('Caf\u00e9 API');
    expect(keys[0]?.tags).toEqual(['caf\u00e9']);
  });
});
