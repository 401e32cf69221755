import type * as z from '../zod';
import type { KeyList, SmartFilterCounts } from '../api/results';
import type { listKeysArgs } from '../api/schemas';
import { searchKeys } from '../search/search-keys';
import { hasAllTags } from '../tags/tag-rules';
import type { KeyRecord, KeySummary } from './key-record';
import { keyStatus } from './key-status';
import { summarise } from './key-summary';

export type ListKeysQuery = z.output<ReturnType<typeof listKeysArgs>>;

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
 * The records in name order, per index snapshot (the records array identity, which stays the same
 * until the index changes). Sorting matches by name is then a pass over this order that keeps the
 * matches: linear, where sorting them through the collator cost 10-40 ms at 10,000 keys on every
 * keystroke.
 */
const nameOrders = new WeakMap<readonly KeyRecord[], readonly KeyRecord[]>();

function inNameOrder(records: readonly KeyRecord[], matches: readonly KeyRecord[]): KeyRecord[] {
  let order = nameOrders.get(records);
  if (!order) {
    order = [...records].sort(byName);
    nameOrders.set(records, order);
  }
  if (matches.length === records.length) return [...order];
  const matched = new Set(matches);
  return order.filter((record) => matched.has(record));
}

function smartFilterCounts(records: readonly KeyRecord[], now: number): SmartFilterCounts {
  const counts = { rotationDue: 0, expiringSoon: 0, unused: 0 };
  for (const record of records) {
    const { status } = summarise(record, now);
    if (status.rotationDue) counts.rotationDue += 1;
    if (status.expiringSoon) counts.expiringSoon += 1;
    if (status.unused) counts.unused += 1;
  }
  return counts;
}

/**
 * Search, tag filter (all selected tags must be present), smart filter and sort, over the index
 * only: listing never touches the keychain. With a query and no explicit sort, rank order stays.
 */
export function selectKeys(records: readonly KeyRecord[], query: ListKeysQuery, now: number): KeySummary[] {
  return selectRecords(records, query, now).map((k) => summarise(k, now));
}

/** The same selection as records: a search keystroke wants ids, and needs no summary for them. */
export function selectRecords(records: readonly KeyRecord[], query: ListKeysQuery, now: number): KeyRecord[] {
  const tags = query.tags ?? [];
  const sort = query.sort ?? (query.query?.trim() ? null : 'name');
  let matches = searchKeys(records, query.query ?? '');
  if (tags.length > 0) matches = matches.filter((k) => hasAllTags(k.tags, tags));
  if (sort === 'name') matches = inNameOrder(records, matches);
  if (query.filter) matches = matches.filter((k) => keyStatus(k, now)[query.filter!]);
  if (sort === 'lastUsed') matches.sort(byDateDesc('lastUsedAt'));
  if (sort === 'created') matches.sort(byDateDesc('createdAt'));
  return query.limit === undefined ? matches : matches.slice(0, query.limit);
}

export function listKeys(records: readonly KeyRecord[], query: ListKeysQuery, now: number): KeyList {
  return { keys: selectKeys(records, query, now), total: records.length, counts: smartFilterCounts(records, now) };
}
