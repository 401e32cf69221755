import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Recognises a copied value later without keeping it: a SHA-256 over a random salt and the value.
 * The salt keeps the digest from being matched against guesses made anywhere else.
 */
export class CopiedValueDigest {
  private constructor(
    readonly salt: Buffer,
    readonly digest: Buffer,
  ) {}

  static of(value: string): CopiedValueDigest {
    const salt = randomBytes(32);
    return new CopiedValueDigest(salt, hash(salt, value));
  }

  /** Rebuilds one handed over by another process (hex of salt and digest). */
  static fromHex(salt: string, digest: string): CopiedValueDigest | null {
    const s = Buffer.from(salt, 'hex');
    const d = Buffer.from(digest, 'hex');
    return s.length === 32 && d.length === 32 ? new CopiedValueDigest(s, d) : null;
  }

  matches(text: string): boolean {
    return timingSafeEqual(hash(this.salt, text), this.digest);
  }

  toHex(): { salt: string; digest: string } {
    return { salt: this.salt.toString('hex'), digest: this.digest.toString('hex') };
  }
}

function hash(salt: Buffer, text: string): Buffer {
  return createHash('sha256').update(salt).update(text, 'utf8').digest();
}
