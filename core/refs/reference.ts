import type { KeyRef } from '../api/schemas';
import { LIMITS } from '../keys/key-limits';

/**
 * Secret references: `keystash://NAME` and `keystash://id/UUID`. A committed file or an exported
 * environment variable can hold one instead of a value; `run`, `inject` and `--env-file` resolve it.
 *
 * NAME is percent-encoded (UTF-8, upper-case hex) outside [A-Za-z0-9._~-], so "Stripe live" becomes
 * `keystash://Stripe%20live`. A trailing "." is encoded too (`%2E`): in running text a bare reference
 * ends before a final full stop, and the reference we print must survive being pasted into prose.
 */

export const REFERENCE_SCHEME = 'keystash://';

export type ParsedReference = { kind: 'name'; name: string } | { kind: 'id'; id: string };

const UNRESERVED = /[A-Za-z0-9._~-]/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const utf8 = new TextEncoder();

export function referenceFor(name: string): string {
  // encodeURIComponent escapes the same way, in UTF-8 with upper-case hex, except that it leaves
  // !*'() as they are; it is some ten times faster than a loop, which a 10,000-key list feels.
  let encoded: string;
  try {
    encoded = encodeURIComponent(name).replace(/[!*'()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    encoded = encodeByCodePoint(name); // a lone surrogate, which encodeURIComponent refuses
  }
  // A final dot is escaped too, so a reference at the end of a sentence keeps its name.
  if (encoded.endsWith('.')) encoded = `${encoded.slice(0, -1)}%2E`;
  return `${REFERENCE_SCHEME}${encoded}`;
}

function encodeByCodePoint(name: string): string {
  let encoded = '';
  for (const char of name) {
    if (UNRESERVED.test(char)) encoded += char;
    else for (const byte of utf8.encode(char)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export function referenceForId(id: string): string {
  return `${REFERENCE_SCHEME}id/${id.toLowerCase()}`;
}

export class InvalidReferenceError extends Error {
  override name = 'InvalidReferenceError';
}

/**
 * Parses one whole reference. Throws InvalidReferenceError with a reason (never the surrounding text) when
 * it is malformed: bad percent-encoding, bytes that are not UTF-8, an empty or over-long name.
 */
export function parseReference(text: string): ParsedReference {
  if (!text.startsWith(REFERENCE_SCHEME)) throw new InvalidReferenceError(`a reference starts with ${REFERENCE_SCHEME}`);
  const rest = text.slice(REFERENCE_SCHEME.length);
  if (rest.startsWith('id/')) {
    const id = rest.slice(3);
    if (!UUID.test(id)) throw new InvalidReferenceError('keystash://id/ must be followed by a key id (a UUID)');
    return { kind: 'id', id: id.toLowerCase() };
  }
  if (!/^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/.test(rest)) {
    throw new InvalidReferenceError('a name in a reference is percent-encoded outside letters, digits and . _ ~ -');
  }
  const name = decodeName(rest);
  if (name.trim() === '') throw new InvalidReferenceError('the name in the reference is empty');
  if (name.length > LIMITS.nameMax) throw new InvalidReferenceError(`key names are at most ${LIMITS.nameMax} characters`);
  return { kind: 'name', name };
}

/** Text starts with the scheme: the one test callers need before treating a value as a reference. */
export const looksLikeReference = (text: string): boolean => text.startsWith(REFERENCE_SCHEME);

export function toKeyRef(reference: ParsedReference): KeyRef {
  return reference.kind === 'id' ? { id: reference.id } : { name: reference.name };
}

function decodeName(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; ) {
    if (encoded[i] === '%') {
      bytes.push(Number.parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(encoded.charCodeAt(i));
      i += 1;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    throw new InvalidReferenceError('the percent-encoded name is not valid UTF-8');
  }
}
