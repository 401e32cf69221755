import uFuzzy from '@leeoniya/ufuzzy';
import type { KeyRecord } from '../keys/key-record';

/**
 * Ranked search over the fields a user remembers a key by. Matches in the name come first, then
 * matches in the env var, provider, tags and notes. uFuzzy (rather than a scoring library such as
 * Fuse) keeps a keystroke over 10,000 keys within a frame; single-error mode still finds "strpe".
 * The haystacks are built once per list of records (the array's identity), not per keystroke.
 * Plain JavaScript with no Node: the window runs it too, over the summaries it holds.
 */
export type Searchable = Pick<KeyRecord, 'name' | 'envVar' | 'provider' | 'tags' | 'notes'>;

// Built on the first search, not at load: building it costs milliseconds that `keystash get` would feel.
let fuzzy: uFuzzy | null = null;

/**
 * uFuzzy's defaults know only a–z, so "Яндекс" or "日本" would match nothing: these are its
 * documented settings for letters of every script (README, "unicode").
 */
const FUZZY_OPTIONS = {
  intraMode: 1,
  intraIns: 1,
  unicode: true,
  interSplit: "[^\\p{L}\\d']+",
  intraSplit: '\\p{Ll}\\p{Lu}',
  intraBound: '\\p{L}\\d|\\d\\p{L}|\\p{Ll}\\p{Lu}',
  intraChars: "[\\p{L}\\d']",
  intraContr: "'\\p{L}{1,2}\\b",
} as const;

/**
 * What both sides of a match are compared as: NFC (names are stored so, notes may not be), then
 * without accents, so "cafe" finds "Café". Printable ASCII is both already, and stays the same
 * string rather than a copy: the window holds these tables for 10,000 keys.
 */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const comparableText = (text: string): string => (PLAIN_ASCII.test(text) ? text : uFuzzy.latinize(text.normalize('NFC')));
const comparable = (texts: string[]): string[] => texts.map(comparableText);

interface Haystacks {
  records: readonly Searchable[];
  names: string[];
  others: string[];
  /** The same, lower-cased for the substring pass: made when a query first needs it, not held otherwise. */
  lower: { names: string[]; others: string[] } | null;
}

let cache: Haystacks | null = null;

function haystacksFor(records: readonly Searchable[]): Haystacks {
  if (cache?.records !== records) {
    const names = comparable(records.map((r) => r.name));
    // Fields apart, so that no match runs from one into the next.
    const others = records.map((r) => comparable([r.envVar ?? '', r.provider ?? '', r.tags.join(' '), r.notes]).join('\u0001'));
    cache = { records, names, others, lower: null };
  }
  return cache;
}

function lowerCased(haystacks: Haystacks): { names: string[]; others: string[] } {
  const lower = (texts: string[]) => texts.map((t) => t.toLowerCase());
  haystacks.lower ??= { names: lower(haystacks.names), others: lower(haystacks.others) };
  return haystacks.lower;
}

/** Indexes into the haystack, best match first (uFuzzy skips ranking above 1,000 hits: keep order). */
function rankedMatches(haystack: string[], needle: string): number[] {
  fuzzy ??= new uFuzzy(FUZZY_OPTIONS);
  const [idxs, info, order] = fuzzy.search(haystack, needle, 0, 1_000);
  if (!idxs) return [];
  if (!info || !order) return idxs;
  return order.map((i) => info.idx[i]!);
}

/**
 * Plain case-insensitive substring hits, for what fuzzy matching splits away as punctuation: an
 * emoji, "sk_live_", a symbol in a note. Capped like the ranked matches.
 */
function substringMatches(lowerHaystack: string[], needle: string): number[] {
  const lower = needle.toLowerCase();
  const hits: number[] = [];
  for (let i = 0; i < lowerHaystack.length && hits.length < 1_000; i++) {
    if (lowerHaystack[i]!.includes(lower)) hits.push(i);
  }
  return hits;
}

/** Builds what searching `records` needs ahead of the first keystroke (the window does it while idle). */
export function prepareSearch(records: readonly Searchable[]): void {
  haystacksFor(records);
}

/**
 * Letters, digits and spaces only: fuzzy matching already finds every record that holds such a
 * query as it is typed, so the substring pass could add nothing (search-keys.test.ts checks this
 * on generated names and queries) and is skipped, 1 ms of each keystroke in the window.
 */
const FUZZY_FINDS_ALL = /^[\p{L}\d ]+$/u;

/** The records that match `query`, best first; equal matches (and more than 1,000) stay in the records' order. */
export function searchKeys<R extends Searchable>(records: readonly R[], query: string): R[] {
  const [q = ''] = comparable([query.trim()]);
  if (!q) return [...records];
  const haystacks = haystacksFor(records);
  const { names, others } = haystacks;
  // One flag per record, and no merged copy of the four lists: a one-letter query matches all
  // 10,000 keys in each list, and a Set of them cost more than the search itself.
  const seen = new Uint8Array(records.length);
  const result: R[] = [];
  const passes = [() => rankedMatches(names, q), () => rankedMatches(others, q)];
  if (!FUZZY_FINDS_ALL.test(q)) passes.push(() => substringMatches(lowerCased(haystacks).names, q), () => substringMatches(lowerCased(haystacks).others, q));
  for (const pass of passes) {
    const hits = pass();
    for (const i of hits) {
      if (seen[i]) continue;
      seen[i] = 1;
      result.push(records[i]!);
    }
  }
  return result;
}
