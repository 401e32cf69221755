import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newKeyRecord, type KeyRecord } from '../keys/key-record';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { AuditLog } from '../audit/audit-log';
import { DATA_KEY_ACCOUNT } from './data-key-account';
import { IndexStore } from './index-store';

const record = (name: string): KeyRecord => newKeyRecord(randomUUID(), name, new Date().toISOString());

describe('encrypted index', () => {
  let t: TestVault;
  let store: IndexStore;
  beforeEach(async () => {
    t = await createTestVault();
    store = new IndexStore(t.home, t.keychain);
    await store.initialise();
  });
  afterEach(() => t.cleanup());

  it('writes an AES-256-GCM file with mode 0600 in a 0700 folder, with a version and no plaintext', async () => {
    await store.update((data) => void data.keys.push(record('Visible Name')));
    const path = join(t.home, 'index.json.enc');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(t.home)).mode & 0o777).toBe(0o700);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'keystash-index', version: 2, alg: 'A256GCM' });
    expect(text).not.toContain('Visible Name');
    const fresh = new IndexStore(t.home, t.keychain);
    expect((await fresh.read()).keys.map((k) => k.name)).toEqual(['Visible Name']);
  });

  it.each([
    ['a truncated file', (text: string) => text.slice(0, text.length / 2)],
    ['a flipped ciphertext byte', (text: string) => text.replace(/"data":"(.)/, (_m, c: string) => `"data":"${c === 'A' ? 'B' : 'A'}`)],
    ['a foreign JSON file', () => JSON.stringify({ hello: 'world' })],
    ['a file claiming a newer format', (text: string) => text.replace('"version":2', '"version":3')],
  ])('refuses %s with CORRUPT_INDEX and leaves it untouched', async (_label, damage) => {
    const path = join(t.home, 'index.json.enc');
    await writeFile(path, damage(await readFile(path, 'utf8')));
    const before = await readFile(path);
    const fresh = new IndexStore(t.home, t.keychain);
    await expect(fresh.read()).rejects.toMatchObject({ code: 'CORRUPT_INDEX', message: expect.stringMatching(/left untouched/) });
    await expect(fresh.update((d) => void d.keys.push(record('x')))).rejects.toMatchObject({ code: 'CORRUPT_INDEX' });
    await expect(fresh.initialise()).rejects.toMatchObject({ code: 'CORRUPT_INDEX' });
    expect(await readFile(path)).toEqual(before);
  });

  it('opens a version 1 file (uncompressed) as it was, and writes version 2 on the next change', async () => {
    await store.update((data) => void data.keys.push(record('From v1')));
    const path = join(t.home, 'index.json.enc');
    const plaintext = JSON.stringify(await store.read());
    const key = Buffer.from((await t.keychain.get(DATA_KEY_ACCOUNT))!, 'base64');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from('keystash-index:v1:A256GCM'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const v1 = { format: 'keystash-index', version: 1, alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    await writeFile(path, JSON.stringify(v1));
    const fresh = new IndexStore(t.home, t.keychain);
    expect((await fresh.read()).keys.map((k) => k.name)).toEqual(['From v1']);
    await fresh.update((d) => void d.keys.push(record('After')));
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 2 });
    expect((await new IndexStore(t.home, t.keychain).read()).keys.map((k) => k.name)).toEqual(['From v1', 'After']);
  });

  it('refuses to open the index when its data key is missing from the keychain, and never replaces it', async () => {
    const path = join(t.home, 'index.json.enc');
    const before = await readFile(path);
    await t.keychain.delete(DATA_KEY_ACCOUNT);
    const fresh = new IndexStore(t.home, t.keychain);
    await expect(fresh.initialise()).rejects.toMatchObject({ code: 'CORRUPT_INDEX', message: expect.stringMatching(/data key is missing/) });
    expect(await t.keychain.get(DATA_KEY_ACCOUNT)).toBeNull();
    expect(await readFile(path)).toEqual(before);
  });

  it('re-reads under the lock, so two stores writing in turn keep both changes', async () => {
    const other = new IndexStore(t.home, t.keychain);
    await store.read();
    await other.read();
    await store.update((d) => void d.keys.push(record('from app')));
    await other.update((d) => void d.keys.push(record('from cli')));
    expect((await store.read()).keys.map((k) => k.name).sort()).toEqual(['from app', 'from cli']);
  });

  it('writes nothing when a mutation throws', async () => {
    const path = join(t.home, 'index.json.enc');
    const before = await readFile(path);
    await expect(
      store.update((d) => {
        d.keys.push(record('half'));
        throw new Error('validation failed');
      }),
    ).rejects.toThrow('validation failed');
    expect(await readFile(path)).toEqual(before);
    expect((await store.read()).keys).toEqual([]);
  });

  it('keeps the index lock and the audit lock apart when one process holds both', async () => {
    const audit = new AuditLog(t.home, Date.now);
    // An audit append while the index lock is held, as a copy's background write can overlap an edit.
    await store.update(async (d) => {
      d.keys.push(record('outer'));
      await audit.append({ event: 'update' });
    });
    const started = Date.now();
    await store.update((d) => void d.keys.push(record('next')));
    expect(Date.now() - started).toBeLessThan(2_000); // not waiting out a lock left behind
    expect((await store.read()).keys.map((k) => k.name)).toEqual(['outer', 'next']);
  });
});
