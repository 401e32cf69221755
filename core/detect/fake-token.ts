/**
 * Deterministic stand-ins for keys, for the rules' samples and the scanner's fixtures: the right
 * shape and randomness, built at run time so no key-shaped literal sits in the source (where our
 * own scanner, or a host's push protection, would rightly flag it). Never a real key.
 */
export const CHARSETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  upperBase32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  upperAlnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  hex: '0123456789abcdef',
  digits: '0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} as const;

export type Charset = keyof typeof CHARSETS;

/** `length` characters from `charset`, the same for the same seed on every run and machine. */
export function fakeToken(charset: Charset, length: number, seed: string): string {
  const alphabet = CHARSETS[charset];
  let state = fnv1a(`${charset}:${length}:${seed}`) || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    // xorshift32: plenty for test data, and the same sequence everywhere.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A PEM block with a random body, wrapped at 64 columns like openssl writes it. */
export function fakePem(label: string, seed: string, bodyLength = 640): string {
  const body = `MII${fakeToken('base64', bodyLength - 3, seed)}`;
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
}

/** A JWT with the given header and payload and a random signature (it verifies against nothing). */
export function fakeJwt(header: object, payload: object, seed: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${fakeToken('base64url', 43, seed)}`;
}
