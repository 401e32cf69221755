import type * as z from '../zod';
import type { listKeysArgs } from '../api/schemas';
import { searchKeys } from '../search/search-keys';
import { hasAllTags } from '../tags/tag-rules';
import type { KeyRecord } from './key-record';
import { keyStatus } from './key-status';

/**
 * Which keys a list shows, and in what order: search, tag filter (all selected tags must be
 * present), smart filter and sort. Plain JavaScript with no Node: the vault runs it over the index,
 * and the window runs the same code over the summaries it holds, so a keystroke in search needs no
 * call and both answer alike.
 */
export type ListKeysQuery = z.output<ReturnType<typeof listKeysArgs>>;

/** How the records handed in are ordered: the index's own order, or already by name (the window's list). */
export type HeldOrder = 'index' | 'name';

// One collator for all comparisons: localeCompare with options builds a new one per call (slow at
// 10,000). Made on first use: creating it starts ICU's collation, 6-14 ms that a listing in another
// order never needs.
let collator: Intl.Collator | undefined;
const byName = (a: KeyRecord, b: KeyRecord) => (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(a.name, b.name);
/** Most recent first; never-used keys last, by name. */
const byDateDesc = (field: 'lastUsedAt' | 'createdAt') => (a: KeyRecord, b: KeyRecord) => {
  const av = a[field] ?? '';
  const bv = b[field] ?? '';
  return av === bv ? byName(a, b) : av < bv ? 1 : -1;
};

/**
 * The records in name order, per list of records (the array's identity, which stays the same until
 * the index changes). Sorting matches by name is then a pass over this order that keeps the
 * matches: linear, where sorting them through the collator cost 10-40 ms at 10,000 keys on every
 * keystroke.
 */
const nameOrders = new WeakMap<readonly KeyRecord[], readonly KeyRecord[]>();

function nameOrder<R extends KeyRecord>(records: readonly R[], held: HeldOrder): readonly R[] {
  if (held === 'name') return records;
  let order = nameOrders.get(records);
  if (!order) {
    order = [...records].sort(byName);
    nameOrders.set(records, order);
  }
  return order as readonly R[];
}

function keepOrderOf<R>(order: readonly R[], matches: readonly R[]): R[] {
  if (matches.length === order.length) return [...order];
  const matched = new Set(matches);
  return order.filter((record) => matched.has(record));
}

/**
 * With a query and no explicit sort, rank order stays; keys that match equally well (and every
 * match past the first 1,000) come in name order, so the vault and the window agree.
 */
export function selectRecords<R extends KeyRecord>(records: readonly R[], query: ListKeysQuery, now: number, held: HeldOrder = 'index'): R[] {
  const tags = query.tags ?? [];
  const searching = Boolean(query.query?.trim());
  const sort = query.sort ?? (searching ? null : 'name');
  let matches = searching ? searchKeys(nameOrder(records, held), query.query!) : [...records];
  if (tags.length > 0) matches = matches.filter((k) => hasAllTags(k.tags, tags));
  if (query.filter) matches = matches.filter((k) => keyStatus(k, now)[query.filter!]);
  if (sort === 'name') matches = keepOrderOf(nameOrder(records, held), matches);
  if (sort === 'lastUsed') matches.sort(byDateDesc('lastUsedAt'));
  if (sort === 'created') matches.sort(byDateDesc('createdAt'));
  return query.limit === undefined ? matches : matches.slice(0, query.limit);
}
