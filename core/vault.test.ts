import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from './audit/audit-log';
import { createPlatformClipboard } from './clipboard/platform-clipboard';
import type { Keychain } from './keychain/keychain';
import { createKeytarKeychain } from './keychain/keytar-keychain';
import { createTestVault, readAllFiles, type TestVault } from './test-support/test-vault';
import { RESERVED_AUDIT_MAX_MS } from './vault';

const readClipboard = () => execFileSync('xsel', ['--clipboard', '--output'], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Session lifecycle and the clipboard, on the real keychain and the real X clipboard (Xvfb). */
describe('vault lifecycle', () => {
  let t: TestVault;
  afterEach(() => t.cleanup());

  it('locks itself after the idle timeout, tells the window, and drops the index from memory', async () => {
    t = await createTestVault({ now: Date.now, idleMsOverride: 1_000 });
    await t.enrol();
    const locked = new Promise<string>((resolve) => t.vault.once('locked', resolve));
    t.vault.watch();
    await expect(locked).resolves.toBe('idle');
    expect((await t.vault.status()).unlocked).toBe(false);
    expect(await t.dispatch('listKeys', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const events = (await t.vault.audit.readAll()).map((e) => `${e.event}:${String(e.detail?.reason ?? '')}`);
    expect(events).toContain('lock:idle');
  });

  it('counts use as activity, so a busy session stays open past the idle timeout', async () => {
    t = await createTestVault({ now: Date.now, idleMsOverride: 20_000 });
    await t.enrol();
    const opened = (await t.vault.status()).sessionExpiresAt!;
    await sleep(16_000);
    expect((await t.dispatch('listKeys', {})).ok).toBe(true);
    await t.vault.settle();
    expect((await t.vault.status()).sessionExpiresAt!).toBeGreaterThan(opened + 10_000);
  }, 40_000);

  it('copies to the real clipboard, clears it after the set time, and only if unchanged', async () => {
    t = await createTestVault({ now: Date.now, clipboard: createPlatformClipboard() });
    await t.enrol();
    await t.dispatch('updateSettings', { clipboardClearSeconds: 5 });
    const created = await t.dispatch('createKey', { name: 'Copy me', secret: 'sk_copy_value_1' });
    expect(created.ok).toBe(true);
    const cleared = new Promise<void>((resolve) => t.vault.once('clipboardCleared', resolve));

    const receipt = await t.dispatch('copyKey', { key: { name: 'Copy me' } });
    expect(receipt).toMatchObject({ ok: true, value: { clearAfterSeconds: 5 } });
    expect(readClipboard()).toBe('sk_copy_value_1');
    await cleared;
    expect(readClipboard()).toBe('');

    await t.dispatch('copyKey', { key: { name: 'Copy me' } });
    execFileSync('xsel', ['--clipboard', '--input'], { input: 'something the user copied' });
    await t.vault.lock();
    expect(readClipboard()).toBe('something the user copied');
  }, 20_000);

  it('clears a copied value on lock', async () => {
    t = await createTestVault({ now: Date.now, clipboard: createPlatformClipboard() });
    await t.enrol();
    await t.dispatch('createKey', { name: 'K', secret: 'sk_lock_clears_me' });
    await t.dispatch('copyKey', { key: { name: 'K' } });
    expect(readClipboard()).toBe('sk_lock_clears_me');
    await t.dispatch('lock', {});
    expect(readClipboard()).toBe('');
    for (const file of await readAllFiles(t.home)) expect(file.text, file.path).not.toContain('sk_lock_clears_me');
  });
});

describe('vault on a keychain that lost its entries', () => {
  it('refuses to offer a fresh enrolment over an existing vault', async () => {
    const t = await createTestVault();
    try {
      await t.enrol();
      // What libsecret reports for a locked keyring: no entries at all, and no error.
      await t.keychain.delete('auth:totp-secret');
      await expect(t.vault.status()).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED', message: expect.stringMatching(/unlock it/) });
      await expect(t.vault.beginEnrolment()).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
    } finally {
      await t.cleanup();
    }
  });
});

describe('recording a use', () => {
  it("still stamps the key's last use when its audit line cannot be written, and reports that failure", async () => {
    const t = await createTestVault({ now: Date.now });
    try {
      await t.enrol();
      expect(await t.dispatch('createKey', { name: 'Used key', secret: 'sk_used_value_1' })).toMatchObject({ ok: true });
      // A real fault on a real disk: the audit log's path is now a folder, so every append fails.
      const auditPath = join(t.home, 'audit.jsonl');
      await rm(auditPath);
      await mkdir(auditPath);
      const failures: unknown[] = [];
      t.vault.on('backgroundError', (error: unknown) => failures.push(error));
      expect(await t.vault.readSecret({ name: 'Used key' })).toEqual({ value: 'sk_used_value_1' });
      await t.vault.settle();
      expect(failures).toEqual([expect.objectContaining({ code: 'EISDIR' })]);
      const [key] = await t.vault.keys.all();
      expect(key?.lastUsedAt).not.toBeNull();
    } finally {
      await t.cleanup();
    }
  });

  // A CLI read takes the audit log's lock while the keychain answers (AuditLog.reserve).
  it('writes one line for a read, none for a read that fails, and leaves the log free for the next writer', async () => {
    const t = await createTestVault({ now: Date.now });
    try {
      await t.enrol();
      expect(await t.dispatch('createKey', { name: 'Read key', secret: 'sk_read_value_1' })).toMatchObject({ ok: true });
      const before = (await t.vault.audit.readAll()).length;
      expect(await t.vault.readSecret({ name: 'Read key' })).toEqual({ value: 'sk_read_value_1' });
      await expect(t.vault.readSecret({ name: 'No such key' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await t.vault.settle();
      // Another process's writer: it would wait out the lock's stale time behind a reservation left open.
      const started = Date.now();
      await new AuditLog(t.home, Date.now).append({ event: 'copy' });
      expect(Date.now() - started).toBeLessThan(2_000);
      const entries = (await t.vault.audit.readAll()).slice(before);
      expect(entries.map((e) => e.event)).toEqual(['get', 'copy']);
      expect((await t.vault.audit.verify()).ok).toBe(true);
    } finally {
      await t.cleanup();
    }
  });

  it('lets the log go while a read waits on the keychain (a prompt), and writes the line after it', async () => {
    // Failure injection: a keychain that holds back the reads of values until released, as a
    // keychain waiting on a prompt to allow access would.
    const real = createKeytarKeychain(`keystash-test-${randomBytes(6).toString('hex')}`);
    let releaseValueReads: (() => void) | null = null;
    const valueReadsHeld = { on: false };
    const keychain: Keychain = {
      ...real,
      async get(account) {
        if (valueReadsHeld.on && account.startsWith('key:')) await new Promise<void>((resolve) => (releaseValueReads = resolve));
        return real.get(account);
      },
    };
    const t = await createTestVault({ now: Date.now, keychain });
    try {
      await t.enrol();
      expect(await t.dispatch('createKey', { name: 'Prompted key', secret: 'sk_prompted_value_1' })).toMatchObject({ ok: true });
      const before = (await t.vault.audit.readAll()).length;
      valueReadsHeld.on = true;
      const read = t.vault.readSecret({ name: 'Prompted key' });
      await sleep(RESERVED_AUDIT_MAX_MS + 300);
      expect(releaseValueReads).not.toBeNull(); // the read is waiting on the keychain
      // Another process's writer gets the log at once, not after the lock's retries (about 20 s).
      const started = Date.now();
      await new AuditLog(t.home, Date.now).append({ event: 'copy' });
      expect(Date.now() - started).toBeLessThan(2_000);
      releaseValueReads!();
      await expect(read).resolves.toEqual({ value: 'sk_prompted_value_1' });
      await t.vault.settle();
      const entries = (await t.vault.audit.readAll()).slice(before);
      expect(entries.map((e) => e.event)).toEqual(['copy', 'get']);
      expect((await t.vault.audit.verify()).ok).toBe(true);
    } finally {
      await t.cleanup();
    }
  }, 30_000);
});
