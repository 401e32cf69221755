import { useCallback, useMemo, useState } from 'react';
import type { KeyFilter, KeySort, ListKeysArgs } from '../../api/types';

/** While searching, the vault ranks results; "relevance" means: send no sort and keep its order. */
export type SortChoice = KeySort | 'relevance';

export interface KeyFilters {
  query: string;
  setQuery: (query: string) => void;
  searching: boolean;
  tags: string[];
  toggleTag: (tag: string) => void;
  setTags: (tags: string[]) => void;
  filter: KeyFilter | null;
  setFilter: (filter: KeyFilter | null) => void;
  sort: SortChoice;
  setSort: (sort: SortChoice) => void;
  showAll: () => void;
  clearAll: () => void;
  /** The list arguments for what the list should show now; the same object until one of them changes. */
  args: ListKeysArgs;
}

/** Keeps the tags array as it is when it is already empty, so `args` does not change for nothing. */
const noTags = (current: string[]) => (current.length === 0 ? current : []);

export interface Narrowing {
  trimmed: string;
  tags: string[];
  filter: KeyFilter | null;
  browseSort: KeySort;
  searchSort: SortChoice;
}

/** Always built in the same field order, so equal arguments have equal JSON text (the list's scroll-reset key). */
export function listArgsOf({ trimmed, tags, filter, browseSort, searchSort }: Narrowing): ListKeysArgs {
  const next: ListKeysArgs = {};
  if (trimmed) next.query = trimmed;
  if (tags.length > 0) next.tags = tags;
  if (filter) next.filter = filter;
  const sort = trimmed ? searchSort : browseSort;
  if (sort !== 'relevance') next.sort = sort;
  return next;
}

/**
 * What the list is narrowed to. Every keystroke changes `args` at once: there is no debounce, because
 * the window searches 10,000 keys in about a millisecond (useKeySearch). The setters are stable, so
 * memoised children do not re-render because of them.
 */
export function useKeyFilters(): KeyFilters {
  const [query, setQueryState] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [filter, setFilterState] = useState<KeyFilter | null>(null);
  const [browseSort, setBrowseSort] = useState<KeySort>('name');
  const [searchSort, setSearchSort] = useState<SortChoice>('relevance');

  const trimmed = query.trim();
  const searching = trimmed !== '';

  const args = useMemo(() => listArgsOf({ trimmed, tags, filter, browseSort, searchSort }), [trimmed, tags, filter, browseSort, searchSort]);

  const setQuery = useCallback((next: string) => {
    setQueryState(next);
    if (next.trim() === '') setSearchSort('relevance');
  }, []);
  const toggleTag = useCallback(
    (tag: string) => setTags((current) => (current.includes(tag) ? current.filter((t) => t !== tag) : [...current, tag])),
    [],
  );
  const setFilter = useCallback((next: KeyFilter | null) => setFilterState((current) => (current === next ? null : next)), []);
  const setSort = useCallback(
    (next: SortChoice) => {
      if (searching) setSearchSort(next);
      else if (next !== 'relevance') setBrowseSort(next);
    },
    [searching],
  );
  const showAll = useCallback(() => {
    setTags(noTags);
    setFilterState(null);
  }, []);
  const clearAll = useCallback(() => {
    setQueryState('');
    setSearchSort('relevance');
    setTags(noTags);
    setFilterState(null);
  }, []);

  return {
    query,
    setQuery,
    searching,
    tags,
    toggleTag,
    setTags,
    filter,
    setFilter,
    sort: searching ? searchSort : browseSort,
    setSort,
    showAll,
    clearAll,
    args,
  };
}
