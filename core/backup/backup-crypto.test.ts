import { describe, expect, it } from 'vitest';
import { openBackup, sealBackup } from './backup-crypto';
import { BACKUP_MAX_CHARS } from './backup-limits';
import { backupAad, parseBackupEnvelope, type BackupEnvelope } from './backup-format';

const PASSPHRASE = 'correct horse battery staple';
const PLAINTEXT = Buffer.from(JSON.stringify({ keys: [], settings: { autoLockMinutes: 5, clipboardClearSeconds: 20 } }));

/** One real backup envelope, sealed once (scrypt at N=2^17 costs ~0.4 s a derivation). */
const sealed = sealBackup(PLAINTEXT, PASSPHRASE, new Date('2026-05-01T10:00:00.000Z'));
const text = async () => JSON.stringify(await sealed, null, 2);
const edited = async (edit: (e: BackupEnvelope) => void) => {
  const envelope = structuredClone(await sealed);
  edit(envelope);
  return JSON.stringify(envelope);
};

/** Parses and opens, as a restore does; resolves with the error code, or 'opened'. */
async function outcome(content: string, passphrase = PASSPHRASE): Promise<string> {
  try {
    await openBackup(parseBackupEnvelope(content), passphrase);
    return 'opened';
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped: ${String(error)}`;
  }
}

describe('backup encryption', () => {
  it('writes the documented header: scrypt N=2^17 r=8 p=1, 32-byte salt, 12-byte IV, 16-byte tag', async () => {
    const envelope = await sealed;
    expect(envelope).toMatchObject({
      format: 'keystash-backup',
      version: 1,
      kdf: { name: 'scrypt', N: 131072, r: 8, p: 1, dkLen: 32 },
      cipher: { name: 'AES-256-GCM' },
      createdAt: '2026-05-01T10:00:00.000Z',
    });
    expect(Buffer.from(envelope.kdf.salt, 'base64')).toHaveLength(32);
    expect(Buffer.from(envelope.cipher.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(envelope.cipher.tag, 'base64')).toHaveLength(16);
    expect(Object.keys(envelope)).toEqual(['format', 'version', 'kdf', 'cipher', 'createdAt', 'data']);
    expect(backupAad(envelope).toString()).toBe(
      JSON.stringify(['keystash-backup', 1, 'scrypt', 131072, 8, 1, envelope.kdf.salt, 32, 'AES-256-GCM', envelope.cipher.iv, envelope.createdAt]),
    );
  });

  it('opens with the passphrase, also typed in another Unicode form (NFC)', async () => {
    const composed = await sealBackup(PLAINTEXT, 'pässwörd with ümlauts', new Date());
    const opened = await openBackup(composed, 'pa\u0308sswo\u0308rd with u\u0308mlauts');
    expect(opened.equals(PLAINTEXT)).toBe(true);
    expect((await openBackup(await sealed, PASSPHRASE)).equals(PLAINTEXT)).toBe(true);
  });

  it('salts and IVs are fresh for every backup', async () => {
    const again = await sealBackup(PLAINTEXT, PASSPHRASE, new Date('2026-05-01T10:00:00.000Z'));
    const first = await sealed;
    expect(again.kdf.salt).not.toBe(first.kdf.salt);
    expect(again.cipher.iv).not.toBe(first.cipher.iv);
    expect(again.data).not.toBe(first.data);
  });

  it('a wrong passphrase is WRONG_CODE, with a message that quotes neither passphrase', async () => {
    const envelope = await sealed;
    const error = await openBackup(envelope, 'correct horse battery stapler').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WRONG_CODE', message: expect.stringMatching(/passphrase is wrong, or the file was changed/) });
    expect(String((error as Error).message)).not.toContain('correct horse');
  });

  it('refuses every edited header field: the AAD binds them (WRONG_CODE) or the bounds refuse them (INVALID_ARGUMENT)', async () => {
    const cases: [string, (e: BackupEnvelope) => void, string][] = [
      ['createdAt', (e) => (e.createdAt = '2020-01-01T00:00:00.000Z'), 'WRONG_CODE'],
      ['salt', (e) => (e.kdf.salt = Buffer.alloc(32, 7).toString('base64')), 'WRONG_CODE'],
      ['iv', (e) => (e.cipher.iv = Buffer.alloc(12, 7).toString('base64')), 'WRONG_CODE'],
      ['tag', (e) => (e.cipher.tag = Buffer.alloc(16, 7).toString('base64')), 'WRONG_CODE'],
      ['r lowered', (e) => (e.kdf.r = 4), 'WRONG_CODE'],
      ['N raised within bounds', (e) => (e.kdf.N = 2 ** 18), 'WRONG_CODE'],
      ['N below 2^17', (e) => (e.kdf.N = 2 ** 14), 'INVALID_ARGUMENT'],
      ['N above 2^20', (e) => (e.kdf.N = 2 ** 21), 'INVALID_ARGUMENT'],
      ['N huge', (e) => (e.kdf.N = 2 ** 40), 'INVALID_ARGUMENT'],
      ['N not a power of two', (e) => (e.kdf.N = 131073), 'INVALID_ARGUMENT'],
      ['r absurd', (e) => (e.kdf.r = 1_000_000), 'INVALID_ARGUMENT'],
      ['p absurd', (e) => (e.kdf.p = 1_000), 'INVALID_ARGUMENT'],
      ['memory over 512 MiB', (e) => Object.assign(e.kdf, { N: 2 ** 20, r: 8 }), 'INVALID_ARGUMENT'],
      ['work over the bound', (e) => Object.assign(e.kdf, { N: 2 ** 19, r: 8, p: 4 }), 'INVALID_ARGUMENT'],
      ['dkLen', (e) => Object.assign(e.kdf, { dkLen: 64 }), 'INVALID_ARGUMENT'],
      ['kdf name', (e) => Object.assign(e.kdf, { name: 'pbkdf2' }), 'INVALID_ARGUMENT'],
      ['cipher name', (e) => Object.assign(e.cipher, { name: 'AES-128-GCM' }), 'INVALID_ARGUMENT'],
      ['format', (e) => Object.assign(e, { format: 'keystash-index' }), 'INVALID_ARGUMENT'],
      ['version 0', (e) => Object.assign(e, { version: 0 }), 'INVALID_ARGUMENT'],
      ['version as text', (e) => Object.assign(e, { version: '1' }), 'INVALID_ARGUMENT'],
      ['short IV', (e) => (e.cipher.iv = Buffer.alloc(8).toString('base64')), 'INVALID_ARGUMENT'],
      ['short salt', (e) => (e.kdf.salt = Buffer.alloc(8).toString('base64')), 'INVALID_ARGUMENT'],
      ['data not base64', (e) => (e.data = `${e.data.slice(0, -4)}*@!#`), 'INVALID_ARGUMENT'],
      ['unknown field', (e) => Object.assign(e, { note: 'hi' }), 'INVALID_ARGUMENT'],
      ['no data', (e) => Object.assign(e, { data: undefined }), 'INVALID_ARGUMENT'],
    ];
    for (const [what, edit, code] of cases) expect(await outcome(await edited(edit)), what).toBe(code);
  });

  it('names a newer format version and asks for an update', async () => {
    await expect(outcome(await edited((e) => Object.assign(e, { version: 2 })))).resolves.toBe('INVALID_ARGUMENT');
    expect(() => parseBackupEnvelope(JSON.stringify({ format: 'keystash-backup', version: 2 }))).toThrow(/newer Keystash \(format version 2\)\. Update Keystash/);
  });

  it('refuses a bit flip anywhere in the file, and every truncation', async () => {
    const original = await text();
    const bytes = Buffer.from(original);
    // Offsets spread over the header, the base64 data and the closing brace.
    const offsets = [0, 5, 30, 80, 150, 260, 320, bytes.length - 40, bytes.length - 10, bytes.length - 2];
    for (const offset of offsets) {
      for (const bit of [0, 3]) {
        const flipped = Buffer.from(bytes);
        flipped[offset]! ^= 1 << bit;
        const result = await outcome(flipped.toString('latin1'));
        // A flip inside JSON whitespace can be harmless (a space becoming "!" is not); none may open.
        expect(['WRONG_CODE', 'INVALID_ARGUMENT'], `flip bit ${bit} at ${offset}`).toContain(result);
      }
    }
    for (const length of [0, 1, 20, Math.floor(original.length / 2), original.length - 3, original.length - 1]) {
      expect(await outcome(original.slice(0, length)), `cut at ${length}`).toBe('INVALID_ARGUMENT');
    }
  }, 60_000);

  it('refuses garbage, other JSON and oversized input without deriving a key', async () => {
    for (const garbage of ['', 'null', '[]', '"keystash-backup"', '{}', 'PK\u0003\u0004', '{"format":"keystash-backup"}']) {
      expect(() => parseBackupEnvelope(garbage), garbage).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(() => parseBackupEnvelope(' '.repeat(BACKUP_MAX_CHARS + 1))).toThrow(/larger than 256 MiB/);
  });
});
