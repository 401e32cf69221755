import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/** Crockford-style alphabet without look-alikes (no I, L, O, U), so codes survive being written down. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_COUNT = 10;
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface StoredRecoveryCode {
  salt: string;
  hash: string;
  usedAt: string | null;
}

/** Ten codes of 10 characters (50 bits each), shown as XXXXX-XXXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a user types a code back. */
export function canonicalRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export async function hashRecoveryCode(code: string): Promise<StoredRecoveryCode> {
  const salt = randomBytes(16);
  const hash = await scrypt(canonicalRecoveryCode(code), salt, 32, SCRYPT);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), usedAt: null };
}

/** Index of the unused stored code that matches, or -1. Every unused code is checked (no early exit). */
export async function findRecoveryCode(stored: readonly StoredRecoveryCode[], code: string): Promise<number> {
  const canonical = canonicalRecoveryCode(code);
  let found = -1;
  for (const [i, entry] of stored.entries()) {
    if (entry.usedAt) continue;
    const hash = await scrypt(canonical, Buffer.from(entry.salt, 'base64'), 32, SCRYPT);
    if (timingSafeEqual(hash, Buffer.from(entry.hash, 'base64')) && found === -1) found = i;
  }
  return found;
}
