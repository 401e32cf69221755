import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * AES-256-GCM sealing of the index. The header fields are bound as additional authenticated data so
 * that a file cannot be relabelled to a different format version without failing to open.
 *
 * Version 2 deflates the JSON before sealing it: base64 alone made the file 1.35 times the size of
 * its records, and 10,000 keys are 3 MB of JSON. The index holds no secret values, and only the
 * user writes into it, so the length of the compressed file tells an onlooker nothing a name would
 * not. Version 1 files (uncompressed) still open; the next write turns them into version 2.
 */
export const INDEX_FORMAT = 'keystash-index';
export const INDEX_FORMAT_VERSION = 2;
const COMPRESSED_FROM_VERSION = 2;
/** zlib's fastest level: 10,000 records deflate to about a quarter in a few ms. */
const DEFLATE_LEVEL = 1;

export interface SealedIndex {
  format: typeof INDEX_FORMAT;
  version: number;
  alg: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

const aad = (version: number) => Buffer.from(`${INDEX_FORMAT}:v${version}:A256GCM`);

export function sealIndex(plaintext: string, dataKey: Buffer): SealedIndex {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aad(INDEX_FORMAT_VERSION));
  const compressed = deflateRawSync(Buffer.from(plaintext, 'utf8'), { level: DEFLATE_LEVEL });
  const data = Buffer.concat([cipher.update(compressed), cipher.final()]);
  return {
    format: INDEX_FORMAT,
    version: INDEX_FORMAT_VERSION,
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Throws when the key is wrong or a single bit of the file changed. */
export function openIndex(sealed: SealedIndex, dataKey: Buffer): string {
  const iv = Buffer.from(sealed.iv, 'base64');
  if (iv.length !== IV_BYTES) throw new Error('The index IV has the wrong length.');
  // authTagLength pins the tag to 16 bytes: GCM would otherwise accept a tag cut down to 4 bytes
  // (checking only those), and a file edited to carry a short tag is far easier to forge.
  const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(sealed.version));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const opened = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  return (sealed.version >= COMPRESSED_FROM_VERSION ? inflateRawSync(opened) : opened).toString('utf8');
}

export function isSealedIndex(value: unknown): value is SealedIndex {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === INDEX_FORMAT &&
    typeof v.version === 'number' &&
    v.alg === 'A256GCM' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.data === 'string'
  );
}
