import uFuzzy from '@leeoniya/ufuzzy';
import type { KeyRecord } from '../keys/key-record';

/**
 * Ranked search over the fields a user remembers a key by. Matches in the name come first, then
 * matches in the env var, provider, tags and notes. uFuzzy (rather than a scoring library such as
 * Fuse) keeps a keystroke over 10,000 keys within a frame; single-error mode still finds "strpe".
 * The haystacks are built once per index snapshot (the records array identity), not per keystroke.
 */
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
 * without accents, so "cafe" finds "Café".
 */
const comparable = (texts: string[]): string[] => uFuzzy.latinize(texts.map((t) => t.normalize('NFC')));

interface Haystacks {
  records: readonly KeyRecord[];
  names: string[];
  others: string[];
  /** The same, lower-cased once for the substring pass. */
  lowerNames: string[];
  lowerOthers: string[];
}

let cache: Haystacks | null = null;

function haystacksFor(records: readonly KeyRecord[]): Haystacks {
  if (cache?.records !== records) {
    const names = comparable(records.map((r) => r.name));
    const others = comparable(records.map((r) => [r.envVar ?? '', r.provider ?? '', r.tags.join(' '), r.notes].join('\u0001')));
    const lower = (texts: string[]) => texts.map((t) => t.toLowerCase());
    cache = { records, names, others, lowerNames: lower(names), lowerOthers: lower(others) };
  }
  return cache;
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

export function searchKeys(records: readonly KeyRecord[], query: string): KeyRecord[] {
  const [q = ''] = comparable([query.trim()]);
  if (!q) return [...records];
  const { names, others, lowerNames, lowerOthers } = haystacksFor(records);
  // One flag per record, and no merged copy of the four lists: a one-letter query matches all
  // 10,000 keys in each list, and a Set of them cost more than the search itself.
  const seen = new Uint8Array(records.length);
  const result: KeyRecord[] = [];
  for (const hits of [rankedMatches(names, q), rankedMatches(others, q), substringMatches(lowerNames, q), substringMatches(lowerOthers, q)]) {
    for (const i of hits) {
      if (seen[i]) continue;
      seen[i] = 1;
      result.push(records[i]!);
    }
  }
  return result;
}
