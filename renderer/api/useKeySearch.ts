import { useEffect, useLayoutEffect, useMemo } from 'react';
// Values from core, by exception: these two are plain JavaScript with no Node (eslint.config.js
// names them), so the window searches with the vault's own code.
import { selectRecords } from '../../core/keys/select-records';
import { prepareSearch } from '../../core/search/search-keys';
import type { KeySummaries } from './useKeySummaries';
import type { KeyList, KeySummary, ListKeysArgs } from './types';

export interface ShownKeys {
  /** The arguments this list answers. */
  args: ListKeysArgs;
  keys: KeySummary[];
  /** Rows in this answer: more than `keys` while only the first screen of "All keys" is here. */
  rowCount: number;
}

/** No search, tag or filter, sorted by name: exactly the order listKeys({}) answered with. */
function isAllKeys(args: ListKeysArgs): boolean {
  return !args.query && !args.tags?.length && !args.filter && (args.sort ?? 'name') === 'name';
}

/**
 * The keys to list for `args`. The window works them out itself, over the summaries it holds, with
 * the vault's own selection code (search, tag and smart filters, order: core/keys/select-records),
 * so it shows what listKeys would answer. A keystroke needs no call: over the browser host's HTTP
 * a call alone cost 5-10 ms of a keystroke's 24, and the search itself takes about 1 ms.
 * "All keys" is the list as held. Right after an unlock that is the first screen alone (see
 * useKeySummaries); any other list waits for the rest, and is null until then.
 */
export function useKeySearch(args: ListKeysArgs, summaries: KeySummaries | null, firstScreen: KeyList | null = null): ShownKeys | null {
  const shown = useMemo(() => {
    if (isAllKeys(args)) {
      if (summaries) return { args, keys: summaries.all, rowCount: summaries.all.length };
      return firstScreen ? { args, keys: firstScreen.keys, rowCount: firstScreen.total } : null;
    }
    if (!summaries) return null;
    // The held list is in the vault's name order, which the selection then need not work out again.
    const keys = selectRecords(summaries.all, args, Date.now(), 'name');
    return { args, keys, rowCount: keys.length };
  }, [args, summaries, firstScreen]);

  // The search's tables (10,000 names and fields, normalised) are built while the window is idle,
  // not on the first keystroke.
  useEffect(() => {
    if (!summaries) return;
    const idle = requestIdleCallback(() => prepareSearch(summaries.all));
    return () => cancelIdleCallback(idle);
  }, [summaries]);

  // On the performance timeline (DevTools, scripts/measure-ui.mjs): the moment a result is committed.
  // Only the latest is kept, so a session of typing does not grow the timeline's buffer.
  useLayoutEffect(() => {
    if (!shown) return;
    performance.clearMarks('keystash:results');
    performance.mark('keystash:results', { detail: { query: shown.args.query ?? '', count: shown.rowCount } });
  }, [shown]);

  return shown;
}
