import { useDeferredValue, useMemo, useState } from 'react';
import type { KeyFilter, KeySort, ListKeysArgs } from '../../api/types';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';

/** While searching, the vault ranks results; "relevance" means: send no sort and keep its order. */
export type SortChoice = KeySort | 'relevance';

const SEARCH_DEBOUNCE_MS = 90;

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
  /** The listKeys arguments for what the list should show now. */
  args: ListKeysArgs;
}

export function useKeyFilters(): KeyFilters {
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [filter, setFilter] = useState<KeyFilter | null>(null);
  const [browseSort, setBrowseSort] = useState<KeySort>('name');
  const [searchSort, setSearchSort] = useState<SortChoice>('relevance');

  // Typing stays instant; the request waits for a short pause, and rendering its answer never blocks typing.
  const debouncedQuery = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const deferredQuery = useDeferredValue(debouncedQuery);
  const searching = query.trim() !== '';

  const args = useMemo<ListKeysArgs>(() => {
    const next: ListKeysArgs = {};
    if (deferredQuery) next.query = deferredQuery;
    if (tags.length > 0) next.tags = tags;
    if (filter) next.filter = filter;
    const sort = deferredQuery ? searchSort : browseSort;
    if (sort !== 'relevance') next.sort = sort;
    return next;
  }, [deferredQuery, tags, filter, browseSort, searchSort]);

  return {
    query,
    setQuery: (next) => {
      setQuery(next);
      if (next.trim() === '') setSearchSort('relevance');
    },
    searching,
    tags,
    toggleTag: (tag) => setTags((current) => (current.includes(tag) ? current.filter((t) => t !== tag) : [...current, tag])),
    setTags,
    filter,
    setFilter: (next) => setFilter((current) => (current === next ? null : next)),
    sort: searching ? searchSort : browseSort,
    setSort: (next) => {
      if (searching) setSearchSort(next);
      else if (next !== 'relevance') setBrowseSort(next);
    },
    showAll: () => {
      setTags([]);
      setFilter(null);
    },
    clearAll: () => {
      setQuery('');
      setSearchSort('relevance');
      setTags([]);
      setFilter(null);
    },
    args,
  };
}
