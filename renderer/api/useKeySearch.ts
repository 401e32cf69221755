import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { call } from './client';
import type { KeySummaries } from './useKeySummaries';
import type { ApiError, KeySummary, ListKeysArgs } from './types';

export interface ShownKeys {
  /** The arguments this list answers. */
  args: ListKeysArgs;
  keys: KeySummary[];
}

export interface KeySearch {
  /** The latest answer; while the next one is on its way, the previous one stays on screen. */
  shown: ShownKeys | null;
  error: ApiError | null;
}

/** No search, tag or filter, sorted by name: exactly the order listKeys({}) answered with. */
function isAllKeys(args: ListKeysArgs): boolean {
  return !args.query && !args.tags?.length && !args.filter && (args.sort ?? 'name') === 'name';
}

function summariesOf(ids: readonly string[], byId: ReadonlyMap<string, KeySummary>): KeySummary[] {
  const keys: KeySummary[] = [];
  for (const id of ids) {
    const key = byId.get(id);
    // An id the held summaries do not know was added a moment ago; its vaultChanged reload brings it.
    if (key) keys.push(key);
  }
  return keys;
}

/**
 * The keys to list for `args`. The vault does the searching, filtering and sorting (searchKeyIds)
 * and answers with ids, which map onto the held summaries. The request leaves on the keystroke
 * itself (no debounce: core answers a 10,000-key search in a few ms); an answer to an older
 * request is dropped, and rendering an answer is a transition, so it never holds up typing.
 * "All keys" by name is the order listKeys({}) answered with: it is shown in the same render,
 * without a call, which is also what paints the list right after unlock.
 */
export function useKeySearch(args: ListKeysArgs, summaries: KeySummaries | null): KeySearch {
  const [answer, setAnswer] = useState<KeySearch>({ shown: null, error: null });
  const hasAnswered = useRef(false);
  const allKeys = useMemo(() => (summaries && isAllKeys(args) ? { args, keys: summaries.all } : null), [args, summaries]);

  useEffect(() => {
    if (!summaries) return;
    if (allKeys) {
      // Kept as the answer too, so a search typed next shows all keys, not an older result, until it is answered.
      setAnswer((previous) => (previous.shown === allKeys ? previous : { shown: allKeys, error: null }));
      return;
    }
    let current = true;
    void call('searchKeyIds', args).then((result) => {
      if (!current) return;
      let update: () => void;
      if (result.ok) {
        // Mapped here, once: an updater function may run again while React renders.
        const next = { shown: { args, keys: summariesOf(result.value.ids, summaries.byId) }, error: null };
        update = () => setAnswer(next);
      } else {
        const { error } = result;
        update = () => setAnswer((previous) => ({ shown: previous.shown, error }));
      }
      // The first answer replaces "Loading keys…": nothing to keep responsive, so no time slicing.
      if (hasAnswered.current) startTransition(update);
      else update();
      hasAnswered.current = true;
    });
    return () => {
      current = false;
    };
  }, [args, summaries, allKeys]);

  const state: KeySearch = allKeys ? { shown: allKeys, error: null } : answer;

  // On the performance timeline (DevTools, scripts/measure-ui.mjs): the moment a result is committed.
  // Only the latest is kept, so a session of typing does not grow the timeline's buffer.
  const { shown } = state;
  useLayoutEffect(() => {
    if (!shown) return;
    performance.clearMarks('keystash:results');
    performance.mark('keystash:results', { detail: { query: shown.args.query ?? '', count: shown.keys.length } });
  }, [shown]);

  return state;
}
