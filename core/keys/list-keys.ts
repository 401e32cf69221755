import type { KeyList, SmartFilterCounts } from '../api/results';
import type { KeyRecord, KeySummary } from './key-record';
import { statusOf, summarise } from './key-summary';
import { selectRecords, type ListKeysQuery } from './select-records';

export type { ListKeysQuery };

function smartFilterCounts(records: readonly KeyRecord[], now: number): SmartFilterCounts {
  const counts = { rotationDue: 0, expiringSoon: 0, unused: 0 };
  for (const record of records) {
    const status = statusOf(record, now);
    if (status.rotationDue) counts.rotationDue += 1;
    if (status.expiringSoon) counts.expiringSoon += 1;
    if (status.unused) counts.unused += 1;
  }
  return counts;
}

/** The selection (see select-records), summarised. */
export function selectKeys(records: readonly KeyRecord[], query: ListKeysQuery, now: number): KeySummary[] {
  return selectRecords(records, query, now).map((k) => summarise(k, now));
}

export function listKeys(records: readonly KeyRecord[], query: ListKeysQuery, now: number): KeyList {
  return { keys: selectKeys(records, query, now), total: records.length, counts: smartFilterCounts(records, now) };
}
