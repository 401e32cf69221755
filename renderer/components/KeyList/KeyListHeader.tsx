import { useId } from 'react';
import { formatCount, plural } from '../../format/text';
import type { SortChoice } from '../../screens/Main/useKeyFilters';

export interface KeyListHeaderProps {
  title: string;
  shown: number | null;
  total: number | null;
  sort: SortChoice;
  searching: boolean;
  onSortChange: (sort: SortChoice) => void;
  filtersActive: boolean;
  onClearFilters: () => void;
}

const SORT_LABELS: Record<SortChoice, string> = {
  relevance: 'Best match',
  name: 'Name',
  lastUsed: 'Last used',
  created: 'Date added',
};

export function KeyListHeader({ title, shown, total, sort, searching, onSortChange, filtersActive, onClearFilters }: KeyListHeaderProps) {
  const sortId = useId();
  const choices: SortChoice[] = searching ? ['relevance', 'name', 'lastUsed', 'created'] : ['name', 'lastUsed', 'created'];
  let count = '';
  if (shown !== null && total !== null) {
    count = shown === total ? plural(total, 'key') : `${formatCount(shown)} of ${formatCount(total)}`;
  }
  return (
    <div className="list-header">
      <div className="list-header__heading">
        <h1 className="list-header__title">{title}</h1>
        <span className="list-header__count" aria-live="polite">
          {count}
        </span>
        {filtersActive && (
          <button type="button" className="link-button list-header__clear" onClick={onClearFilters}>
            Clear filters
          </button>
        )}
      </div>
      <div className="list-header__sort" hidden={total === 0}>
        <label htmlFor={sortId}>Sort by</label>
        <select id={sortId} className="select select--small" value={sort} onChange={(event) => {
            const choice = choices.find((c) => c === event.target.value);
            if (choice) onSortChange(choice);
          }}>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {SORT_LABELS[choice]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
