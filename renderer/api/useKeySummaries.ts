import { useEffect, useRef, useState } from 'react';
import { call } from './client';
import { useLoader, type Loaded } from './useLoader';
import { useVaultChangedEvent } from './useVaultEvents';
import type { KeyList, KeySummary, Result, SmartFilterCounts } from './types';

/**
 * Every key's summary, fetched once and held, so a keystroke in search is answered in the window
 * (useKeySearch) instead of shipping 10,000 summaries again. Refetched when the CLI changes the
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

/**
 * The main view first asks for this many keys from the top of "All keys", and for the rest once
 * they are painted: 10,000 summaries take 150-250 ms to arrive and parse, a screenful a few. More
 * than the tallest window shows, so scrolling rarely meets a row still on its way.
 */
export const FIRST_SCREEN_KEYS = 100;

/**
 * On the performance timeline: summaries (the first screen, or all) are parsed and held, and
 * rendering them starts. Only the latest is kept, so a long session does not grow the timeline's buffer.
 */
function markHeld(count: number): void {
  performance.clearMarks('keystash:summaries');
  performance.mark('keystash:summaries', { detail: { count } });
}

function heldSummaries({ keys, total, counts }: KeyList): KeySummaries {
  markHeld(keys.length);
  // Made when first asked for (a search answer, the drift banner's effect after the paint), not
  // before the list is painted: 10,000 entries and the garbage they leave.
  let byId: Map<string, KeySummary> | null = null;
  return {
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
}

async function loadKeySummaries(): Promise<Result<KeySummaries>> {
  const result = await call('listKeys', {});
  return result.ok ? { ok: true, value: heldSummaries(result.value) } : result;
}

let prefetched: Promise<Result<KeyList>> | null = null;

/**
 * Asks for the first screen the moment an unlock succeeds, so the vault prepares it while the main
 * view is still being built; the main view's first load then takes this answer.
 */
export function prefetchKeySummaries(): void {
  prefetched = call('listKeys', { limit: FIRST_SCREEN_KEYS });
}

/** On lock: a prefetched answer that no view took must not outlive the session. */
export function dropPrefetchedKeySummaries(): void {
  prefetched = null;
}

function takePrefetched(): Promise<Result<KeyList>> | null {
  const taken = prefetched;
  prefetched = null;
  return taken;
}

export interface KeySummariesLoad extends Loaded<KeySummaries> {
  /**
   * The top of "All keys" by name, while the rest of a large vault is on its way after an unlock;
   * null once `data` holds every key. Only the list shows it: search, the drift check, export and
   * the audit view wait for `data`.
   */
  firstScreen: KeyList | null;
}

export function useKeySummaries(): KeySummariesLoad {
  const [firstScreen, setFirstScreen] = useState<KeyList | null>(null);
  // A first screen that already holds every key is the whole answer: no second call.
  const whole = useRef<KeyList | null>(null);
  const [loadAll, setLoadAll] = useState(false);

  // The first screen: asked for at unlock, or now (a window opened on an open session).
  useEffect(() => {
    let live = true;
    void (takePrefetched() ?? call('listKeys', { limit: FIRST_SCREEN_KEYS })).then((result) => {
      if (!live) return;
      if (result.ok && result.value.keys.length < result.value.total) {
        markHeld(result.value.keys.length);
        setFirstScreen(result.value);
      } else {
        if (result.ok) whole.current = result.value;
        setLoadAll(true);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // The rest is asked for after the first screen is painted: parsing it would hold that frame back.
  useEffect(() => {
    if (!firstScreen) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setLoadAll(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [firstScreen]);

  const loaded = useLoader(
    () => {
      const answer = whole.current;
      whole.current = null;
      return answer ? Promise.resolve({ ok: true, value: heldSummaries(answer) }) : loadKeySummaries();
    },
    'all-keys',
    loadAll,
  );
  useVaultChangedEvent(loaded.reload);
  return { ...loaded, firstScreen: loaded.data ? null : firstScreen };
}
