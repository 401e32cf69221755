import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { call } from './client';
import { isAllKeys, KeySearchRequests, type SearchAnswer } from './key-search-requests';
import type { KeySummaries } from './useKeySummaries';
import type { ApiError, KeyList, KeySummary, ListKeysArgs } from './types';

export interface ShownKeys {
  /** The arguments this list answers. */
  args: ListKeysArgs;
  keys: KeySummary[];
  /** Rows in this answer: more than `keys` while only the first screen of "All keys" is here. */
  rowCount: number;
}

export interface KeySearch {
  /** The latest answer; while the next one is on its way, the previous one stays on screen. */
  shown: ShownKeys | null;
  error: ApiError | null;
  /**
   * Sends the request for `args` now, from the event that changes them (a keystroke in search),
   * instead of after React has rendered that change. The render that follows asks for the same
   * arguments and sends nothing more.
   */
  requestNow: (args: ListKeysArgs) => void;
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
 * itself (no debounce: core answers a 10,000-key search in a few ms, and `requestNow` sends it
 * before the keystroke is rendered); an answer to an older request is dropped. An answer is
 * rendered and committed at once, in the task that received it: only the rows in view render, and
 * a render that yielded half way could miss the next frame.
 * "All keys" by name is the order listKeys({}) answered with: it is shown in the same render,
 * without a call. Right after an unlock it is the first screen alone (see useKeySummaries); a
 * search typed then is sent once every summary is held.
 */
export function useKeySearch(args: ListKeysArgs, summaries: KeySummaries | null, firstScreen: KeyList | null = null): KeySearch {
  const [answer, setAnswer] = useState<{ shown: ShownKeys | null; error: ApiError | null }>({ shown: null, error: null });
  const allKeys = useMemo(() => {
    if (!isAllKeys(args)) return null;
    if (summaries) return { args, keys: summaries.all, rowCount: summaries.all.length };
    return firstScreen ? { args, keys: firstScreen.keys, rowCount: firstScreen.total } : null;
  }, [args, summaries, firstScreen]);

  // The arguments of the committed render: an answer is for them, or it is not shown.
  const committedArgs = useRef('');
  useLayoutEffect(() => {
    committedArgs.current = JSON.stringify(args);
  }, [args]);

  const [requests] = useState(
    () =>
      new KeySearchRequests<KeySummaries>(
        (searchArgs) => call('searchKeyIds', searchArgs),
        ({ args: answered, context, result }: SearchAnswer<KeySummaries>) => {
          // Sent for a query the search box was about to hold, which it never did (the edit was cancelled).
          if (JSON.stringify(answered) !== committedArgs.current) return;
          // Mapped here, once: an updater function may run again while React renders.
          const keys = result.ok ? summariesOf(result.value.ids, context.byId) : null;
          const shown = keys ? { args: answered, keys, rowCount: keys.length } : null;
          flushSync(() => setAnswer((previous) => (shown ? { shown, error: null } : { shown: previous.shown, error: result.ok ? null : result.error })));
        },
      ),
  );

  // The summaries the committed list was built from: what a request sent from an event handler maps onto.
  const heldSummaries = useRef(summaries);
  useEffect(() => {
    heldSummaries.current = summaries;
    if (!summaries) return;
    requests.request(args, summaries);
    // Kept as the answer too, so a search typed next shows all keys, not an older result, until it is answered.
    if (allKeys) setAnswer((previous) => (previous.shown === allKeys ? previous : { shown: allKeys, error: null }));
  }, [args, summaries, allKeys, requests]);
  useEffect(() => () => requests.cancel(), [requests]);

  const requestNow = useCallback(
    (next: ListKeysArgs) => {
      if (heldSummaries.current) requests.request(next, heldSummaries.current);
    },
    [requests],
  );

  const shown = allKeys ?? answer.shown;
  const error = allKeys ? null : answer.error;

  // On the performance timeline (DevTools, scripts/measure-ui.mjs): the moment a result is committed.
  // Only the latest is kept, so a session of typing does not grow the timeline's buffer.
  useLayoutEffect(() => {
    if (!shown) return;
    performance.clearMarks('keystash:results');
    performance.mark('keystash:results', { detail: { query: shown.args.query ?? '', count: shown.rowCount } });
  }, [shown]);

  return { shown, error, requestNow };
}
