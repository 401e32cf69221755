import { memo, useId } from 'react';
import type { KeyFilter, SmartFilterCounts, TagCount } from '../../api/types';
import { formatCount } from '../../format/text';
import { Icon, type IconName } from '../Icon/Icon';

export interface SidebarProps {
  total: number | null;
  /** How many keys of the whole vault each smart filter would show. */
  counts: SmartFilterCounts | null;
  tags: TagCount[] | null;
  selectedTags: string[];
  filter: KeyFilter | null;
  onShowAll: () => void;
  onToggleTag: (tag: string) => void;
  onFilter: (filter: KeyFilter) => void;
  onRenameTag: (tag: string) => void;
  onDeleteTag: (tag: TagCount) => void;
}

/** A count above zero takes the tone of the row badge it counts, so due and expiring keys stand out. */
const SMART_FILTERS: { filter: KeyFilter; label: string; icon: IconName; tone: 'warning' | 'danger' | null }[] = [
  { filter: 'rotationDue', label: 'Rotation due', icon: 'rotate', tone: 'warning' },
  { filter: 'expiringSoon', label: 'Expiring soon', icon: 'calendar', tone: 'danger' },
  { filter: 'unused', label: 'Unused 90+ days', icon: 'clock', tone: null },
];

/**
 * Navigation by tag and smart filter. Each entry is a toggle button named by its label alone; the
 * count is hidden from the name and read as its description, so "prod" stays "prod" for a screen
 * reader and a test alike.
 */
export const Sidebar = memo(function Sidebar(props: SidebarProps) {
  const { total, counts, tags, selectedTags, filter } = props;
  const allCountId = useId();
  const showingAll = selectedTags.length === 0 && filter === null;
  return (
    <nav className="sidebar" aria-label="Filters">
      <button
        type="button"
        className="nav-item"
        aria-pressed={showingAll}
        aria-describedby={allCountId}
        onClick={props.onShowAll}
      >
        <Icon name="key" />
        <span className="nav-item__label">All keys</span>
        <span id={allCountId} className="nav-item__count" aria-hidden="true">
          {total === null ? '' : formatCount(total)}
        </span>
      </button>

      <h2 className="sidebar__heading">Smart filters</h2>
      <ul className="sidebar__list">
        {SMART_FILTERS.map((item) => (
          <SmartFilterItem
            key={item.filter}
            {...item}
            count={counts?.[item.filter] ?? null}
            selected={filter === item.filter}
            onFilter={props.onFilter}
          />
        ))}
      </ul>

      <h2 className="sidebar__heading">
        Tags
        {selectedTags.length > 1 && <span className="sidebar__hint">all of</span>}
      </h2>
      {tags && tags.length === 0 && (
        <p className="sidebar__empty">No tags yet. Give a key tags such as “prod” or “stripe” to group it here.</p>
      )}
      <ul className="sidebar__list sidebar__tags">
        {tags?.map((tag) => (
          <TagItem
            key={tag.name}
            tag={tag}
            selected={selectedTags.includes(tag.name)}
            onToggle={props.onToggleTag}
            onRename={props.onRenameTag}
            onDelete={props.onDeleteTag}
          />
        ))}
      </ul>
    </nav>
  );
});

interface SmartFilterItemProps {
  filter: KeyFilter;
  label: string;
  icon: IconName;
  tone: 'warning' | 'danger' | null;
  count: number | null;
  selected: boolean;
  onFilter: (filter: KeyFilter) => void;
}

function SmartFilterItem({ filter, label, icon, tone, count, selected, onFilter }: SmartFilterItemProps) {
  const countId = useId();
  const toned = tone && count ? ` nav-item__count--${tone}` : '';
  return (
    <li>
      <button type="button" className="nav-item" aria-pressed={selected} aria-describedby={countId} onClick={() => onFilter(filter)}>
        <Icon name={icon} />
        <span className="nav-item__label">{label}</span>
        <span id={countId} className={`nav-item__count${toned}`} aria-hidden="true">
          {count === null ? '' : formatCount(count)}
        </span>
      </button>
    </li>
  );
}

interface TagItemProps {
  tag: TagCount;
  selected: boolean;
  onToggle: (tag: string) => void;
  onRename: (tag: string) => void;
  onDelete: (tag: TagCount) => void;
}

function TagItem({ tag, selected, onToggle, onRename, onDelete }: TagItemProps) {
  const countId = useId();
  return (
    <li className="tag-item">
      <button
        type="button"
        className="nav-item"
        aria-pressed={selected}
        aria-describedby={countId}
        onClick={() => onToggle(tag.name)}
      >
        <Icon name="tag" />
        <span className="nav-item__label">{tag.name}</span>
        <span id={countId} className="nav-item__count" aria-hidden="true">
          {formatCount(tag.count)}
        </span>
      </button>
      {/* Named by title, not aria-label: the name is the same, but "Rename tag …" must not be what a
          label lookup for a form's "Name" field finds while a dialog is open over the sidebar. */}
      <span className="tag-item__actions">
        <button type="button" className="icon-button icon-button--small" title={`Rename tag ${tag.name}`} onClick={() => onRename(tag.name)}>
          <Icon name="pencil" size={14} />
        </button>
        <button type="button" className="icon-button icon-button--small" title={`Delete tag ${tag.name}`} onClick={() => onDelete(tag)}>
          <Icon name="trash" size={14} />
        </button>
      </span>
    </li>
  );
}
