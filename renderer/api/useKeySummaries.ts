import { call } from './client';
import { useLoader, type Loaded } from './useLoader';
import { useVaultChangedEvent } from './useVaultEvents';
import type { KeySummary, Result, SmartFilterCounts } from './types';

/**
 * Every key's summary, fetched once and held by id, so a keystroke in search asks the vault for ids
 * only (searchKeyIds) instead of shipping 10,000 summaries again. Refetched when the CLI changes the
 * index (vaultChanged) and, through `reload`, after the window's own writes.
 */
export interface KeySummaries {
  /** In the vault's default order, by name: what "All keys" shows, without asking again. */
  all: KeySummary[];
  byId: ReadonlyMap<string, KeySummary>;
  total: number;
  /** Smart-filter counts over the whole vault. */
  counts: SmartFilterCounts;
}

async function loadKeySummaries(): Promise<Result<KeySummaries>> {
  const result = await call('listKeys', {});
  if (!result.ok) return result;
  const { keys, total, counts } = result.value;
  // On the performance timeline: the summaries are parsed and held, and rendering them starts.
  // Only the latest is kept, so a long session does not grow the timeline's buffer.
  performance.clearMarks('keystash:summaries');
  performance.mark('keystash:summaries', { detail: { count: keys.length } });
  // Made when first asked for (a search answer, the drift banner's effect after the paint), not
  // before the list is painted: 10,000 entries and the garbage they leave.
  let byId: Map<string, KeySummary> | null = null;
  const value: KeySummaries = {
    all: keys,
    get byId() {
      if (!byId) {
        byId = new Map();
        for (const key of keys) byId.set(key.id, key);
      }
      return byId;
    },
    total,
    counts,
  };
  return { ok: true, value };
}

let prefetched: Promise<Result<KeySummaries>> | null = null;

/**
 * Starts loading the summaries the moment an unlock succeeds, so the vault prepares them while the
 * main view is still being built; the main view's first load then takes this answer.
 */
export function prefetchKeySummaries(): void {
  prefetched = loadKeySummaries();
}

/** On lock: a prefetched answer that no view took must not outlive the session. */
export function dropPrefetchedKeySummaries(): void {
  prefetched = null;
}

function takePrefetched(): Promise<Result<KeySummaries>> | null {
  const taken = prefetched;
  prefetched = null;
  return taken;
}

export function useKeySummaries(): Loaded<KeySummaries> {
  const loaded = useLoader(() => takePrefetched() ?? loadKeySummaries(), 'all-keys');
  useVaultChangedEvent(loaded.reload);
  return loaded;
}
