import Fuse from 'fuse.js';
import type { KeyRecord } from '../keys/key-record';

/**
 * Ranked search over the index fields a user remembers a key by. Name matches weigh most.
 * The Fuse index is built once per index snapshot (the records array identity), not per keystroke.
 */
const FIELDS = [
  { name: 'name', weight: 3 },
  { name: 'envVar', weight: 2 },
  { name: 'provider', weight: 1.5 },
  { name: 'tags', weight: 1.5 },
  { name: 'notes', weight: 0.5 },
];

let cache: { records: readonly KeyRecord[]; fuse: Fuse<KeyRecord> } | null = null;

function fuseFor(records: readonly KeyRecord[]): Fuse<KeyRecord> {
  if (cache?.records !== records) {
    cache = {
      records,
      fuse: new Fuse(records, { keys: FIELDS, threshold: 0.34, ignoreLocation: true, includeScore: false }),
    };
  }
  return cache.fuse;
}

export function searchKeys(records: readonly KeyRecord[], query: string): KeyRecord[] {
  const q = query.trim();
  if (!q) return [...records];
  return fuseFor(records)
    .search(q)
    .map((r) => r.item);
}
