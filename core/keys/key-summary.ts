import { referenceFor } from '../refs/reference';
import type { KeyRecord, KeyStatus, KeySummary } from './key-record';
import { keyStatus } from './key-status';

/**
 * Summaries are cached per record object: index snapshots are never mutated in place (writes work
 * on a copy), so a record's identity stands for its content. Badges depend on the clock too, so a
 * cached summary is recomputed after a minute.
 */
const summaries = new WeakMap<KeyRecord, { at: number; summary: KeySummary }>();
const SUMMARY_TTL_MS = 60_000;

/** The cached summary of `record`, if it was made within SUMMARY_TTL_MS of `now`. */
function cachedSummary(record: KeyRecord, now: number): KeySummary | undefined {
  const hit = summaries.get(record);
  return hit && Math.abs(now - hit.at) < SUMMARY_TTL_MS ? hit.summary : undefined;
}

export function summarise(record: KeyRecord, now: number): KeySummary {
  const cached = cachedSummary(record, now);
  if (cached) return cached;
  const summary = summaryOf(record, now);
  summaries.set(record, { at: now, summary });
  return summary;
}

/**
 * A record's badges: from its cached summary when there is one, else worked out alone. The smart
 * filters' counts cover every key, and a list of the first screen (100 of 10,000 keys) would
 * otherwise build 10,000 summaries, about half of that call, before the window can paint.
 */
export function statusOf(record: KeyRecord, now: number): KeyStatus {
  return cachedSummary(record, now)?.status ?? keyStatus(record, now);
}

/**
 * Field by field rather than `{ ...record }`: V8 copies a 14-field object by spread some ten times
 * slower, 25 ms for a 10,000-key list. The KeySummary type makes a field added to KeyRecord and
 * missing here a compile error.
 */
function summaryOf(r: KeyRecord, now: number): KeySummary {
  return {
    id: r.id,
    name: r.name,
    envVar: r.envVar,
    provider: r.provider,
    tags: r.tags,
    notes: r.notes,
    scopes: r.scopes,
    url: r.url,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    lastUsedAt: r.lastUsedAt,
    rotatedAt: r.rotatedAt,
    rotateEveryDays: r.rotateEveryDays,
    expiresAt: r.expiresAt,
    status: keyStatus(r, now),
    reference: referenceFor(r.name),
  };
}
