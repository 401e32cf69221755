import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKeyRecord } from '../keys/key-record';
import { secretAccount } from '../keys/key-service';
import { WatchedVault, type Seed } from '../test-support/watched-vault';
import { sealBackup } from './backup-crypto';

/**
 * Backup files damaged every way: cut short, bits flipped (header, salt, IV, tag, data), garbage,
 * other JSON, header fields edited (including scrypt parameters that would make the app allocate
 * gigabytes), and files sealed with the right passphrase whose contents are wrong (not JSON,
 * duplicate names, a NUL or a lone surrogate the keychain refuses halfway through the restore).
 * Each restore, sent through the contract as the CLI sends it:
 * - answers with a clear error (INVALID_ARGUMENT or WRONG_CODE, "Nothing was changed"), never
 *   INTERNAL, never a throw, never a value from the backup;
 * - leaves the target vault unchanged (index and audit byte for byte, every keychain entry the
 *   restore wrote put back; see WatchedVault), and its seeded values still in the keychain;
 * - leaves the backup file itself byte for byte as it was.
 * A flip that reaches decryption costs one scrypt (N = 2^17, ~0.4 s), so those runs are fewer.
 */

const PASSPHRASE = 'correct horse battery staple';
const RUNS = { truncation: 150, bitFlip: 30, garbage: 100, json: 100 };

const marker = () => `FZBACKUP${randomBytes(4).toString('hex')}`;
const SOURCE: Seed[] = [
  { name: 'Stripe live', secret: `sk_live_${marker()}`, envVar: 'STRIPE_KEY', tags: ['prod'] },
  { name: 'Caf\u00e9 \ud83d\udd11', secret: `${marker()}\nsecond line`, envVar: null, tags: ['\u00fcn\u00ef'] },
  { name: 'Big', secret: `${marker()}${'b'.repeat(5_000)}`, envVar: 'BIG' },
];
const TARGET: Seed[] = [
  { name: 'Stripe live', secret: `sk_test_${marker()}`, envVar: 'STRIPE_KEY', tags: ['test'] },
  { name: 'Only here', secret: marker(), envVar: 'ONLY_HERE' },
];
const MARKERS = [...SOURCE, ...TARGET].map((s) => /FZBACKUP[0-9a-f]{8}/.exec(s.secret)![0]);

describe('backup file fuzz: damaged backups are refused clearly, and change nothing', () => {
  let source: WatchedVault;
  let target: WatchedVault;
  let folder: string;
  let good: string;
  let envelope: Record<string, unknown>;
  const counts = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    source = await WatchedVault.create(SOURCE, MARKERS);
    target = await WatchedVault.create(TARGET, MARKERS);
    folder = await mkdtemp(join(tmpdir(), 'keystash-backup-fuzz-'));
    const made = (await source.call('createBackup', { passphrase: PASSPHRASE }, 'cli')).result as { ok: boolean; value: { content: string } };
    expect(made.ok).toBe(true);
    good = made.value.content;
    envelope = JSON.parse(good) as Record<string, unknown>;
  }, 60_000);

  afterAll(async () => {
    console.log(`backup file fuzz: ${[...counts].map(([k, m]) => `${k}: ${[...m].map(([c, n]) => `${n} ${c}`).join(', ')}`).join('; ')}`);
    await source?.cleanup();
    await target?.cleanup();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** Restores `content` from a file, as `keystash restore FILE` does, and checks the refusal. */
  async function refused(kind: string, content: Buffer | string, passphrase = PASSPHRASE): Promise<void> {
    const file = join(folder, 'damaged.keystash-backup');
    await writeFile(file, content);
    const before = await readFile(file);
    const text = before.toString('utf8');
    const report = await target.call('restoreBackup', { content: text, passphrase, onConflict: 'replace', settings: true }, 'cli');
    const result = report.result as { ok: boolean; error?: { code: string; message: string } };
    const code = result.ok ? 'ok' : result.error!.code;
    const m = counts.get(kind) ?? new Map<string, number>();
    m.set(code, (m.get(code) ?? 0) + 1);
    counts.set(kind, m);
    // A restore of an empty file is refused by the contract itself (content must not be empty).
    expect(report.problems, `${kind}`).toEqual([]);
    expect(result.ok, `${kind}: a damaged backup was restored`).toBe(false);
    expect(['INVALID_ARGUMENT', 'WRONG_CODE']).toContain(result.error!.code);
    if (text.length > 0) expect(result.error!.message).toMatch(/Nothing was changed/);
    expect((await readFile(file)).equals(before), `${kind}: the backup file changed`).toBe(true);
  }

  it('restores the undamaged backup (dry run), so the refusals below are about the damage', async () => {
    const report = await target.call('restoreBackup', { content: good, passphrase: PASSPHRASE, dryRun: true }, 'cli');
    expect(report.problems).toEqual([]);
    expect(report.result).toMatchObject({ ok: true, value: { dryRun: true } });
  });

  it('refuses a backup cut short anywhere', async () => {
    // The file ends "}\n": cutting only the newline leaves the whole backup.
    const whole = good.trimEnd().length;
    for (const end of [0, 1, whole - 1]) await refused('truncation', good.slice(0, end));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: whole - 1 }), (end) => refused('truncation', good.slice(0, end))),
      { numRuns: RUNS.truncation },
    );
  });

  it('refuses flipped bits anywhere: header, salt, IV, tag or data', async () => {
    const bytes = Buffer.from(good);
    const dataStart = good.indexOf('"data":"') + 8;
    // Half the flips land in the header (before the data), where most of the fields are.
    const offset = fc.oneof(fc.integer({ min: 0, max: dataStart - 1 }), fc.integer({ min: dataStart, max: bytes.length - 1 }));
    await fc.assert(
      fc.asyncProperty(offset, fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const copy = Buffer.from(bytes);
        copy[at]! ^= 1 << bit;
        // A flip in an unused bit of a base64 tail decodes to the same bytes: that file is not damaged.
        if (sameDecoded(copy.toString('utf8'))) return;
        await refused('bit flip', copy);
      }),
      { numRuns: RUNS.bitFlip },
    );
  });

  it('refuses garbage and other JSON', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (b) => refused('garbage', Buffer.from(b))), {
      numRuns: RUNS.garbage,
    });
    await fc.assert(fc.asyncProperty(fc.json(), (j) => refused('other JSON', j)), { numRuns: RUNS.json });
    await refused('garbage', randomBytes(2 * 1024 * 1024));
  });

  it('refuses edited header fields, including scrypt parameters that ask for too much memory or work', async () => {
    const kdf = envelope.kdf as Record<string, unknown>;
    const cipher = envelope.cipher as Record<string, unknown>;
    const edits: Record<string, unknown>[] = [
      { kdf: { ...kdf, N: 2 ** 30 } },
      { kdf: { ...kdf, N: 2 ** 20, r: 16 } },
      { kdf: { ...kdf, p: 1_000 } },
      { kdf: { ...kdf, r: 0 } },
      { kdf: { ...kdf, N: 2 ** 17 + 1 } },
      { kdf: { ...kdf, N: 2 ** 10 } },
      { kdf: { ...kdf, salt: '' } },
      { kdf: { ...kdf, dkLen: 64 } },
      { kdf: { ...kdf, name: 'argon2id' } },
      { kdf: { ...kdf, extra: 1 } },
      { cipher: { ...cipher, tag: Buffer.from(cipher.tag as string, 'base64').subarray(0, 4).toString('base64') } },
      { cipher: { ...cipher, iv: randomBytes(16).toString('base64') } },
      { cipher: { ...cipher, name: 'AES-128-GCM' } },
      { version: 2 },
      { version: '1' },
      { format: 'keystash-index' },
      { data: '' },
      { data: `${envelope.data as string}!` },
      { createdAt: '2000-01-01T00:00:00.000Z' }, // bound into the AAD: a wrong tag, after one scrypt
      { '\u001b[31mred': true },
    ];
    for (const edit of edits) {
      await refused('edited header', JSON.stringify({ ...envelope, ...edit }));
    }
    const withOwnProto = good.replace(/^\{/, '{"__proto__":{"polluted":true},');
    await refused('edited header', withOwnProto);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses the wrong passphrase', async () => {
    await refused('wrong passphrase', good, 'not the passphrase at all');
    await refused('wrong passphrase', good, PASSPHRASE.normalize('NFD').toUpperCase());
  });

  it('refuses contents of the wrong shape sealed with the right passphrase, rolling back values already written', async () => {
    const plain = JSON.parse(JSON.stringify({ keys: [], settings: { autoLockMinutes: 5, clipboardClearSeconds: 20 } })) as { keys: unknown[]; settings: unknown };
    const key = (name: string, value: string) => ({
      ...newKeyRecord(crypto.randomUUID(), name, '2025-01-01T00:00:00.000Z'),
      value,
    });
    const contents: (string | Buffer)[] = [
      'not json',
      Buffer.from([0xff, 0xfe, 0x00]),
      JSON.stringify(null),
      JSON.stringify({ ...plain, keys: {} }),
      JSON.stringify({ ...plain, keys: [key('Twice', 'v1'), key('twice', 'v2')] }),
      JSON.stringify({ ...plain, keys: [key('Big', 'x'.repeat(64 * 1024 + 1))] }),
      JSON.stringify({ ...plain, keys: [{ ...key('Extra field', 'v'), admin: true }] }),
      // The keychain refuses these values only when the restore writes them, after the values before them.
      JSON.stringify({ ...plain, keys: [key('Fine one', `ok ${marker()}`), key('Fine two', 'ok'), key('Has NUL', 'a\u0000b')] }),
      JSON.stringify({ ...plain, keys: [key('Fine three', 'ok'), key('Lone surrogate', 'a\ud800b')] }),
      JSON.stringify({ ...plain, keys: [key('Stripe live', 'replacement'), key('Has NUL too', '\u0000')] }),
    ];
    for (const plaintext of contents) {
      const sealed = await sealBackup(Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8'), PASSPHRASE, new Date());
      await refused('wrong contents', JSON.stringify(sealed));
    }
  }, 60_000);

  it('still holds the target vault exactly as seeded, values read from the keychain itself', async () => {
    const keys = await target.vault.keys.all();
    expect(keys.map((k) => k.name).sort()).toEqual(TARGET.map((s) => s.name).sort());
    for (const seed of TARGET) {
      const id = keys.find((k) => k.name === seed.name)!.id;
      expect(await target.keychain.get(secretAccount(id))).toBe(seed.secret);
    }
    const accounts = await target.keychain.listAccounts();
    expect(accounts.filter((a) => a.startsWith('key:')).sort()).toEqual(keys.map((k) => secretAccount(k.id)).sort());
    expect(await target.vault.audit.verify()).toMatchObject({ ok: true });
  });

  /** True when every base64 field of `text` decodes to what the good file's does (a benign flip). */
  function sameDecoded(text: string): boolean {
    let other: Record<string, unknown>;
    try {
      other = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return false;
    }
    return JSON.stringify(decodeAll(other)) === JSON.stringify(decodeAll(envelope)) && text !== good && /^[\x20-\x7e\n]*$/.test(text);
  }
});

function decodeAll(value: unknown): unknown {
  if (typeof value === 'string' && /^[A-Za-z0-9+/]+=*$/.test(value) && value.length >= 16) return Buffer.from(value, 'base64').toString('hex');
  if (Array.isArray(value)) return value.map(decodeAll);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeAll(v)]));
  return value;
}
