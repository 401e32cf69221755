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

interface Haystacks {
  records: readonly KeyRecord[];
  names: string[];
  others: string[];
}

let cache: Haystacks | null = null;

function haystacksFor(records: readonly KeyRecord[]): Haystacks {
  if (cache?.records !== records) {
    cache = {
      records,
      names: records.map((r) => r.name),
      others: records.map((r) => [r.envVar ?? '', r.provider ?? '', r.tags.join(' '), r.notes].join('\u0001')),
    };
  }
  return cache;
}

/** Indexes into the haystack, best match first (uFuzzy skips ranking above 1,000 hits: keep order). */
function rankedMatches(haystack: string[], needle: string): number[] {
  fuzzy ??= new uFuzzy({ intraMode: 1, intraIns: 1 });
  const [idxs, info, order] = fuzzy.search(haystack, needle, 0, 1_000);
  if (!idxs) return [];
  if (!info || !order) return idxs;
  return order.map((i) => info.idx[i]!);
}

export function searchKeys(records: readonly KeyRecord[], query: string): KeyRecord[] {
  const q = query.trim();
  if (!q) return [...records];
  const { names, others } = haystacksFor(records);
  const seen = new Set<number>();
  const result: KeyRecord[] = [];
  for (const i of [...rankedMatches(names, q), ...rankedMatches(others, q)]) {
    if (seen.has(i)) continue;
    seen.add(i);
    result.push(records[i]!);
  }
  return result;
}
