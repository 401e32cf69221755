import * as z from '../zod';
import { quoteForMessage, VaultError } from '../errors';
import { BACKUP_MAX_CHARS } from './backup-limits';

/**
 * The backup file: a JSON envelope whose header says how to derive the key (scrypt) and open the
 * data (AES-256-GCM). README.md, "Backup file format", documents it for decryption without Keystash;
 * a change here is a change there, and a new `version`.
 */
export const BACKUP_FORMAT = 'keystash-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_CIPHER = 'AES-256-GCM';

export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  dkLen: 32;
}

export interface BackupEnvelope {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  kdf: ScryptParams;
  cipher: { name: typeof BACKUP_CIPHER; iv: string; tag: string };
  createdAt: string;
  data: string;
}

/** What new backups use: 2^17 costs about 0.3–0.5 s and 128 MiB per guess. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export const SALT_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/**
 * The most work a file may ask for. The parameters come from the file, so without bounds a crafted
 * file could make the app's main process allocate gigabytes or spin for minutes.
 */
export const SCRYPT_BOUNDS = {
  minN: 2 ** 17,
  maxN: 2 ** 20,
  maxR: 16,
  maxP: 4,
  /** scrypt needs 128·N·r bytes. */
  maxMemoryBytes: 512 * 1024 * 1024,
  /** N·r·p measures the time; 8 times what new backups use. */
  maxWork: 2 ** 23,
} as const;

export const scryptMemory = (kdf: Pick<ScryptParams, 'N' | 'r'>) => 128 * kdf.N * kdf.r;

/** Standard base64 with padding, nothing else: Buffer.from would silently skip stray characters. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64 = (bytes: { min: number; max: number }, what: string) =>
  z.string().check(
    z.maxLength(Math.ceil(bytes.max / 3) * 4),
    z.regex(BASE64, `${what} is not base64`),
    z.refine((s) => {
      const length = Buffer.byteLength(s, 'base64');
      return length >= bytes.min && length <= bytes.max;
    }, `${what} has the wrong length`),
  );

const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));

const envelopeSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  kdf: z
    .strictObject({
      name: z.literal('scrypt'),
      N: z
        .number()
        .check(z.int(), z.minimum(SCRYPT_BOUNDS.minN), z.maximum(SCRYPT_BOUNDS.maxN), z.refine(isPowerOfTwo, 'N must be a power of two')),
      r: z.number().check(z.int(), z.minimum(1), z.maximum(SCRYPT_BOUNDS.maxR)),
      p: z.number().check(z.int(), z.minimum(1), z.maximum(SCRYPT_BOUNDS.maxP)),
      salt: base64({ min: 16, max: 64 }, 'the salt'),
      dkLen: z.literal(32),
    })
    .check(
      z.refine((k) => scryptMemory(k) <= SCRYPT_BOUNDS.maxMemoryBytes, 'the scrypt parameters ask for too much memory'),
      z.refine((k) => k.N * k.r * k.p <= SCRYPT_BOUNDS.maxWork, 'the scrypt parameters ask for too much work'),
    ),
  cipher: z.strictObject({
    name: z.literal(BACKUP_CIPHER),
    iv: base64({ min: IV_BYTES, max: IV_BYTES }, 'the IV'),
    tag: base64({ min: TAG_BYTES, max: TAG_BYTES }, 'the tag'),
  }),
  createdAt: z.iso.datetime(),
  data: base64({ min: 1, max: BACKUP_MAX_CHARS }, 'the data'),
});

/**
 * The additional authenticated data: every header field, so that editing any of them (the KDF
 * parameters, the date, the format) makes decryption fail like a wrong passphrase does.
 * Compact JSON of an array of ASCII strings and integers: the same bytes from Python's
 * `json.dumps(..., separators=(",", ":"))`.
 */
export function backupAad(header: Omit<BackupEnvelope, 'data' | 'cipher'> & { cipher: { name: string; iv: string } }): Buffer {
  const { kdf } = header;
  return Buffer.from(
    JSON.stringify([header.format, header.version, kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt, kdf.dkLen, header.cipher.name, header.cipher.iv, header.createdAt]),
    'utf8',
  );
}

const notABackup = (why: string) =>
  new VaultError('INVALID_ARGUMENT', `This is not a Keystash backup that can be restored: ${why}. Nothing was changed.`);

/** Checks the envelope's shape and bounds; the contents stay encrypted. */
export function parseBackupEnvelope(text: string): BackupEnvelope {
  if (text.length > BACKUP_MAX_CHARS) throw notABackup(`it is larger than ${BACKUP_MAX_CHARS / 1024 / 1024} MiB`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw notABackup('it is not JSON (the file may be cut short or damaged)');
  }
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (record?.format !== BACKUP_FORMAT) throw notABackup('it does not start with "format": "keystash-backup"');
  if (typeof record.version === 'number' && record.version > BACKUP_VERSION) {
    throw new VaultError(
      'INVALID_ARGUMENT',
      `This backup was written by a newer Keystash (format version ${record.version}). Update Keystash to restore it. Nothing was changed.`,
    );
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'the file';
    const what = issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.slice(0, 3).map((k) => quoteForMessage(k)).join(', ')}` : (issue?.message ?? 'invalid');
    throw notABackup(`${where}: ${what}`);
  }
  return parsed.data as BackupEnvelope;
}
