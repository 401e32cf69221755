import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
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
 */
export function useKeySearch(args: ListKeysArgs, summaries: KeySummaries | null): KeySearch {
  const [state, setState] = useState<KeySearch>({ shown: null, error: null });
  const hasShown = useRef(false);

  useEffect(() => {
    if (!summaries) return;
    const show = (keys: KeySummary[]) => {
      const update = () => setState({ shown: { args, keys }, error: null });
      // The first list replaces "Loading keys…": nothing to keep responsive, so no time slicing.
      if (hasShown.current) startTransition(update);
      else update();
      hasShown.current = true;
    };
    if (isAllKeys(args)) {
      show(summaries.all);
      return;
    }
    let current = true;
    void call('searchKeyIds', args).then((result) => {
      if (!current) return;
      if (result.ok) show(summariesOf(result.value.ids, summaries.byId));
      else startTransition(() => setState((previous) => ({ shown: previous.shown, error: result.error })));
    });
    return () => {
      current = false;
    };
  }, [args, summaries]);

  // On the performance timeline (DevTools, scripts/measure-ui.mjs): the moment a result is committed.
  const { shown } = state;
  useLayoutEffect(() => {
    if (shown) performance.mark('keystash:results', { detail: { query: shown.args.query ?? '', count: shown.keys.length } });
  }, [shown]);

  return state;
}
