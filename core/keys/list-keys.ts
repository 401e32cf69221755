import type { z } from 'zod';
import type { KeyList } from '../api/results';
import type { listKeysArgs } from '../api/schemas';
import { searchKeys } from '../search/search-keys';
import { hasAllTags } from '../tags/tag-rules';
import type { KeyRecord, KeySummary } from './key-record';
import { keyStatus } from './key-status';

export type ListKeysQuery = z.output<typeof listKeysArgs>;

const byName = (a: KeyRecord, b: KeyRecord) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true });
/** Most recent first; never-used keys last, by name. */
const byDateDesc = (field: 'lastUsedAt' | 'createdAt') => (a: KeyRecord, b: KeyRecord) => {
  const av = a[field] ?? '';
  const bv = b[field] ?? '';
  return av === bv ? byName(a, b) : av < bv ? 1 : -1;
};

/**
 * Search, tag filter (all selected tags must be present), smart filter and sort, over the index
 * only: listing never touches the keychain. With a query and no explicit sort, rank order stays.
 */
export function listKeys(records: readonly KeyRecord[], query: ListKeysQuery, now: number): KeyList {
  const tags = query.tags ?? [];
  let keys: KeySummary[] = searchKeys(records, query.query ?? '')
    .filter((k) => hasAllTags(k.tags, tags))
    .map((k) => ({ ...k, status: keyStatus(k, now) }));
  if (query.filter) keys = keys.filter((k) => k.status[query.filter!]);
  const sort = query.sort ?? (query.query?.trim() ? null : 'name');
  if (sort === 'name') keys.sort(byName);
  if (sort === 'lastUsed') keys.sort(byDateDesc('lastUsedAt'));
  if (sort === 'created') keys.sort(byDateDesc('createdAt'));
  return { keys, total: records.length };
}
