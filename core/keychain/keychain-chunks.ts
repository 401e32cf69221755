/**
 * How a value too large for one keychain entry is spread over several entries.
 *
 * The first entry (`<account>`) holds a head: `keystash-chunked:v1:<count>:<generation>:<part 1>`.
 * Entry `<account>#<i>` holds `keystash-chunk:v1:<generation>:<i>:<part i>` for i = 2..count.
 * The generation is random per write, so a reader can tell when the parts come from two different
 * writes (a crash, or a writer racing the reader) instead of silently joining them.
 *
 * A plain value that happens to start with `keystash-chunked:` is always stored with a head, as is
 * the empty value (keytar refuses empty passwords), so a head can never be mistaken for a value.
 */
export const CHUNKED_PREFIX = 'keystash-chunked:';
const HEAD_PATTERN = /^keystash-chunked:v1:([1-9][0-9]{0,5}):([0-9a-f]{12}):/;
const PART_PATTERN = /^keystash-chunk:v1:([0-9a-f]{12}):([1-9][0-9]{0,5}):/;

/** Below this a head plus one character might not fit, and 64 KiB would need absurd chunk counts. */
export const MIN_CHUNK_BYTES = 256;

export function chunkAccount(account: string, index: number): string {
  return index === 1 ? account : `${account}#${index}`;
}

/**
 * Web Crypto's generator, not node:crypto: this module loads with every CLI start, before its first
 * keychain read, and node:crypto takes about 4 ms to load; the global loads when first called.
 */
export function newGeneration(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(6))).toString('hex');
}

export interface ChunkHead {
  count: number;
  generation: string;
  part: string;
}

export type ParsedHead = { kind: 'plain' } | { kind: 'chunked'; head: ChunkHead } | { kind: 'unreadable' };

export function parseHead(stored: string): ParsedHead {
  if (!stored.startsWith(CHUNKED_PREFIX)) return { kind: 'plain' };
  const match = HEAD_PATTERN.exec(stored);
  if (!match) return { kind: 'unreadable' };
  return {
    kind: 'chunked',
    head: { count: Number(match[1]), generation: match[2]!, part: stored.slice(match[0].length) },
  };
}

/** The part stored in entry `index`, or null when that entry belongs to another write or slot. */
export function parsePart(stored: string, generation: string, index: number): string | null {
  const match = PART_PATTERN.exec(stored);
  if (!match || match[1] !== generation || Number(match[2]) !== index) return null;
  return stored.slice(match[0].length);
}

export function needsHead(value: string): boolean {
  return value === '' || value.startsWith(CHUNKED_PREFIX);
}

/**
 * What one entry costs against a platform budget. Windows Credential Manager measures the blob in
 * bytes; keytar 7.9 writes UTF-8 there, while other Windows clients write UTF-16, so count whichever
 * is larger to stay safe under both.
 */
export function entryCost(text: string): number {
  return Math.max(Buffer.byteLength(text, 'utf8'), text.length * 2);
}

/**
 * The strings to store, in entry order (index 0 is the head), so that no entry costs more than
 * `budget`. Parts are cut only between code points, so neither UTF-8 nor UTF-16 characters are split.
 */
export function encodeChunks(value: string, budget: number, generation: string): string[] {
  // The count's digits change the header length, which can change the count: grow until stable.
  for (let digits = 1; ; digits++) {
    const widest = '9'.repeat(digits);
    const headHeader = `keystash-chunked:v1:${widest}:${generation}:`;
    const partHeader = `keystash-chunk:v1:${generation}:${widest}:`;
    const parts = splitByCost(value, budget - entryCost(headHeader), budget - entryCost(partHeader));
    if (String(parts.length).length > digits) continue;
    const count = parts.length;
    return parts.map((part, i) =>
      i === 0
        ? `keystash-chunked:v1:${count}:${generation}:${part}`
        : `keystash-chunk:v1:${generation}:${i + 1}:${part}`,
    );
  }
}

function splitByCost(value: string, firstCapacity: number, restCapacity: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let utf8 = 0;
  let utf16 = 0;
  let offset = 0;
  for (const codePoint of value) {
    const capacity = parts.length === 0 ? firstCapacity : restCapacity;
    const units = codePoint.length;
    const bytes = Buffer.byteLength(codePoint, 'utf8');
    if (Math.max(utf8 + bytes, (utf16 + units) * 2) > capacity && offset > start) {
      parts.push(value.slice(start, offset));
      start = offset;
      utf8 = 0;
      utf16 = 0;
    }
    utf8 += bytes;
    utf16 += units;
    offset += units;
  }
  parts.push(value.slice(start));
  return parts;
}
