import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { VaultError } from '../errors';
import {
  BACKUP_CIPHER,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupAad,
  DEFAULT_SCRYPT,
  IV_BYTES,
  SALT_BYTES,
  scryptMemory,
  type BackupEnvelope,
  type ScryptParams,
} from './backup-format';
import { normalisePassphrase } from './backup-limits';

/**
 * Passphrase → key with scrypt, then AES-256-GCM. The key derivation is asynchronous (libuv's
 * thread pool), so the app's main process keeps answering while it runs.
 */

/** Node refuses scrypt above `maxmem` (32 MiB by default); allow what the parameters need, plus room. */
const maxmemFor = (kdf: Pick<ScryptParams, 'N' | 'r'>) => scryptMemory(kdf) * 2;

function deriveKey(passphrase: string, kdf: ScryptParams): Promise<Buffer> {
  const secret = Buffer.from(normalisePassphrase(passphrase), 'utf8');
  const salt = Buffer.from(kdf.salt, 'base64');
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(secret, salt, kdf.dkLen, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: maxmemFor(kdf) }, (error, key) => {
      secret.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function sealBackup(plaintext: Buffer, passphrase: string, createdAt: Date, params = DEFAULT_SCRYPT): Promise<BackupEnvelope> {
  const kdf: ScryptParams = { name: 'scrypt', ...params, salt: randomBytes(SALT_BYTES).toString('base64'), dkLen: 32 };
  const iv = randomBytes(IV_BYTES).toString('base64');
  const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, kdf, createdAt: createdAt.toISOString() } as const;
  const key = await deriveKey(passphrase, kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    cipher.setAAD(backupAad({ ...header, cipher: { name: BACKUP_CIPHER, iv } }));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      format: header.format,
      version: header.version,
      kdf,
      cipher: { name: BACKUP_CIPHER, iv, tag: cipher.getAuthTag().toString('base64') },
      createdAt: header.createdAt,
      data: data.toString('base64'),
    };
  } finally {
    key.fill(0);
  }
}

/**
 * The plaintext, or WRONG_CODE. AES-GCM cannot tell a wrong passphrase from a changed file (both
 * fail the tag), so the message names both.
 */
export async function openBackup(envelope: BackupEnvelope, passphrase: string): Promise<Buffer> {
  const key = await deriveKey(passphrase, envelope.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.cipher.iv, 'base64'));
    decipher.setAAD(backupAad(envelope));
    decipher.setAuthTag(Buffer.from(envelope.cipher.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
  } catch {
    throw new VaultError(
      'WRONG_CODE',
      'The backup could not be opened: the passphrase is wrong, or the file was changed after it was written. Nothing was changed.',
    );
  } finally {
    key.fill(0);
  }
}
