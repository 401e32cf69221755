import { parse } from 'dotenv';

/**
 * A .env file read the way the `dotenv` package reads it, plus where each entry stands, so that
 * `import --rewrite` can replace one value in place and errors can name a line.
 *
 * The values are dotenv's own: `scanDotenv` runs dotenv's `parse` and checks that every variable
 * it located has the value dotenv gives. LINE is dotenv's line pattern (v16–18), with the `d` flag
 * added for match positions; VALUE_QUOTES is the unquoting it applies after trimming.
 */
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
const VALUE_QUOTES = /^(['"`])([\s\S]*)\1$/gm;

export type Quote = "'" | '"' | '`' | null;

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line of the variable name. */
  line: number;
  /** [start, end) of the value as written (quotes included, surrounding blanks excluded), in the original text. */
  valueStart: number;
  valueEnd: number;
  /** The quote the value was written in, if dotenv removed one. */
  quote: Quote;
}

export interface ScannedDotenv {
  /** Every assignment in file order; a variable assigned twice appears twice. */
  entries: DotenvEntry[];
  /** What a program gets from dotenv: the last assignment of each variable. */
  values: Map<string, DotenvEntry>;
}

export class DotenvScanMismatch extends Error {}

export function scanDotenv(original: string): ScannedDotenv {
  const { text, toOriginal } = normaliseNewlines(original);
  const entries: DotenvEntry[] = [];
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(LINE)) {
    const key = match[1]!;
    const keyStart = match.indices![1]![0];
    line += countNewlines(text, counted, keyStart);
    counted = keyStart;
    const raw = match[2] ?? '';
    const rawStart = match.indices![2]?.[0] ?? afterSeparator(text, keyStart + key.length);
    const trimmed = raw.trim();
    const start = rawStart + (raw.length - raw.trimStart().length);
    const { value, quote } = dotenvValue(trimmed);
    entries.push({
      key,
      value,
      line,
      valueStart: toOriginal(start),
      valueEnd: toOriginal(start + trimmed.length),
      quote,
    });
  }
  const values = new Map<string, DotenvEntry>();
  for (const entry of entries) values.set(entry.key, entry);
  assertSameAsDotenv(original, values);
  return { entries, values };
}

/** dotenv's value rule: trim, drop one pair of matching quotes, expand \n and \r inside double quotes. */
function dotenvValue(trimmed: string): { value: string; quote: Quote } {
  const first = trimmed[0];
  const unquoted = trimmed.replace(VALUE_QUOTES, '$2');
  const value = first === '"' ? unquoted.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : unquoted;
  return { value, quote: unquoted !== trimmed ? (first as Quote) : null };
}

function assertSameAsDotenv(text: string, located: Map<string, DotenvEntry>): void {
  const parsed = parse(text);
  const names = Object.keys(parsed);
  const differs =
    names.length !== located.size || names.some((name) => located.get(name)?.value !== parsed[name]);
  if (differs) {
    // Names only: the values are secrets.
    const which = names.filter((name) => located.get(name)?.value !== parsed[name]);
    throw new DotenvScanMismatch(`could not locate ${which.length ? which.join(', ') : 'every entry'} in the file the way dotenv reads it`);
  }
}

/** Where an empty value would start: just after the `=` (or `: `) that follows the name. */
function afterSeparator(text: string, keyEnd: number): number {
  const separator = /\s*(?:=|:\s)/y;
  separator.lastIndex = keyEnd;
  return separator.test(text) ? separator.lastIndex : keyEnd;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/**
 * dotenv turns CRLF and lone CR into LF before it matches. The scan works on that text; offsets
 * are mapped back so a rewrite keeps the file's own line endings.
 */
function normaliseNewlines(original: string): { text: string; toOriginal: (offset: number) => number } {
  if (!original.includes('\r')) return { text: original, toOriginal: (offset) => offset };
  const map: number[] = [];
  let text = '';
  for (let i = 0; i < original.length; i++) {
    map.push(i);
    if (original[i] === '\r') {
      text += '\n';
      if (original[i + 1] === '\n') i += 1;
    } else {
      text += original[i];
    }
  }
  map.push(original.length);
  return { text, toOriginal: (offset) => map[offset]! };
}
