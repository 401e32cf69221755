import { memo, type CSSProperties } from 'react';
import type { KeySummary } from '../../api/types';
import { Icon } from '../Icon/Icon';
import { KeyAvatar } from './KeyAvatar';
import { KeyBadges } from './KeyBadges';
import { TagChips } from './TagChips';

export interface KeyRowProps {
  keySummary: KeySummary;
  index: number;
  selected: boolean;
  top: number;
  height: number;
  onSelect: (id: string) => void;
  onCopy: (key: KeySummary) => void;
}

export function rowIdOf(keyId: string): string {
  return `key-row-${keyId}`;
}

/** The row's first cell: what the grid's aria-activedescendant points at, as a grid expects. */
export function cellIdOf(keyId: string): string {
  return `key-cell-${keyId}`;
}

/**
 * One row of the key grid. Memoised: scrolling 10,000 keys re-renders only the rows that move in or
 * out. The copy button, named "Copy <name>", is out of the Tab order (the grid is one Tab stop; Enter copies) and keeps
 * focus on the grid when clicked.
 */
export const KeyRow = memo(function KeyRow({ keySummary: key, index, selected, top, height, onSelect, onCopy }: KeyRowProps) {
  const style: CSSProperties = { transform: `translateY(${top}px)`, height };
  return (
    <div
      role="row"
      id={rowIdOf(key.id)}
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={selected ? 'key-row key-row--selected' : 'key-row'}
      style={style}
      onClick={() => onSelect(key.id)}
    >
      <div role="gridcell" id={cellIdOf(key.id)} className="key-row__main">
        <KeyAvatar name={key.name} provider={key.provider} />
        <div className="key-row__text">
          <div className="key-row__title">
            <span className="key-row__name">{key.name}</span>
            <KeyBadges status={key.status} />
          </div>
          <div className="key-row__meta">
            {key.provider && <span className="key-row__provider">{key.provider}</span>}
            {key.envVar && <code className="key-row__env">{key.envVar}</code>}
            <TagChips tags={key.tags} max={3} />
          </div>
        </div>
      </div>
      <div role="gridcell" className="key-row__actions">
        <button
          type="button"
          tabIndex={-1}
          className="button button--ghost button--small key-row__copy"
          aria-label={`Copy ${key.name}`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => {
            event.stopPropagation();
            onSelect(key.id);
            onCopy(key);
          }}
        >
          <Icon name="copy" />
          Copy
        </button>
      </div>
    </div>
  );
});
