import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { KeySummary } from '../../api/types';
import { cellIdOf, KeyRow } from '../KeyRow/KeyRow';

export const ROW_HEIGHT = 60;

export interface KeyListProps {
  keys: KeySummary[];
  /** Rows in the list: more than `keys` while the rest of a large vault is still arriving. */
  rowCount?: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onCopy: (key: KeySummary) => void;
  onEdit: (key: KeySummary) => void;
  onDelete: (key: KeySummary) => void;
  /** Changes with each new answer to a query or filter, to start the new result at the top. */
  scrollResetKey: string;
  gridRef?: Ref<HTMLDivElement>;
  /** Shown instead of the grid when there are no keys to list. */
  emptyState: ReactNode;
}

/**
 * The key list as an ARIA grid: one Tab stop, arrow keys move the selection (announced through
 * aria-activedescendant), Enter copies, E edits, Delete asks to delete. Only the rows in view (plus
 * a few) exist in the DOM, which is what keeps 10,000 keys smooth. Memoised, with stable props from
 * MainScreen: a keystroke in search re-renders the list only when its answer arrives.
 */
export const KeyList = memo(function KeyList({ keys, rowCount = keys.length, selectedId, onSelect, onCopy, onEdit, onDelete, scrollResetKey, gridRef, emptyState }: KeyListProps) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows beyond the viewport cost DOM, style and layout on every new result; three each way
    // are enough to hide the wheel's lag behind the compositor.
    overscan: 3,
    // No getItemKey: rows have one fixed height and are keyed by position (below), and with the
    // default key the virtualizer recomputes its 10,000 positions only when the count changes,
    // not for every answer.
  });

  const setRefs = useCallback(
    (node: HTMLDivElement | null) => {
      scrollRef.current = node;
      if (typeof gridRef === 'function') gridRef(node);
      else if (gridRef) gridRef.current = node;
    },
    [gridRef],
  );

  // The virtualizer's own offset, not scrollTop: reading the element would force a layout mid-commit.
  useEffect(() => {
    if (virtualizer.scrollOffset) virtualizer.scrollToOffset(0);
  }, [scrollResetKey, virtualizer]);

  // Stable, so the memoised rows do not all re-render when the selection moves.
  const selectAndFocus = useCallback(
    (id: string) => {
      onSelect(id);
      // A click selects; only the keyboard should draw the focus ring on the selected row.
      scrollRef.current?.focus({ preventScroll: true, focusVisible: false });
    },
    [onSelect],
  );

  // Bring a newly selected key into view once it is in the list (after "Add key" it arrives a
  // moment later). Only on a change of selection: a background refresh must not yank the scroll.
  const pendingScroll = useRef<string | null>(null);
  useEffect(() => {
    pendingScroll.current = selectedId;
  }, [selectedId]);
  useEffect(() => {
    const id = pendingScroll.current;
    if (id === null) return;
    const index = keys.findIndex((key) => key.id === id);
    if (index === -1) return;
    pendingScroll.current = null;
    // Judged from the virtualizer's own numbers: scrollToIndex reads the element's scroll height,
    // which forces a layout, and every new search result "selects" its first row.
    const top = index * ROW_HEIGHT;
    const offset = virtualizer.scrollOffset ?? 0;
    const inView = top >= offset && top + ROW_HEIGHT <= offset + (virtualizer.scrollRect?.height ?? 0);
    if (!inView) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, keys, virtualizer]);

  const selectedIndex = selectedId === null ? -1 : keys.findIndex((key) => key.id === selectedId);
  const selectedKey = keys[selectedIndex];

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(keys.length - 1, index));
    const target = keys[clamped];
    if (target) onSelect(target.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const plain = !event.ctrlKey && !event.metaKey && !event.shiftKey;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(selectedIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(selectedIndex <= 0 ? 0 : selectedIndex - 1);
        break;
      case 'PageDown':
        moveTo(selectedIndex + page);
        break;
      case 'PageUp':
        moveTo(selectedIndex - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(keys.length - 1);
        break;
      case 'Enter':
        if (selectedKey) onCopy(selectedKey);
        break;
      case 'e':
      case 'E':
        if (selectedKey && !event.ctrlKey && !event.metaKey) onEdit(selectedKey);
        else handled = false;
        break;
      case 'Delete':
        if (selectedKey) onDelete(selectedKey);
        break;
      case 'Backspace':
        // The Mac keyboard's "delete" key is Backspace; Cmd+Backspace is the Finder's delete.
        if (selectedKey && (event.metaKey || plain)) onDelete(selectedKey);
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  // The empty state is the same div (React reuses it) and keeps the ref: were the ref attached only
  // when keys arrive, the virtualizer would see a new scroll element and measure it on the spot,
  // forcing a layout in the middle of that commit.
  if (keys.length === 0) {
    return (
      <div ref={setRefs} className="key-list key-list--empty">
        {emptyState}
      </div>
    );
  }

  return (
    <div
      ref={setRefs}
      className="key-list"
      role="grid"
      aria-label="Keys"
      aria-rowcount={rowCount}
      aria-colcount={2}
      aria-activedescendant={selectedKey ? cellIdOf(selectedKey.id) : undefined}
      aria-keyshortcuts="ArrowUp ArrowDown Enter E Delete"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !selectedKey) moveTo(0);
      }}
    >
      <div role="rowgroup" className="key-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const key = keys[item.index];
          // A row still on its way (a fraction of a second after unlock): a blank line, no text to misread.
          if (!key) {
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 1}
                aria-busy="true"
                className="key-row key-row--pending"
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              />
            );
          }
          // Keyed by position, not by key: a new search result then updates the rows in place
          // instead of tearing them down and building new ones. Scrolling is unchanged, because
          // a position holds the same key until the result changes.
          return (
            <KeyRow
              key={item.index}
              keySummary={key}
              index={item.index}
              selected={key.id === selectedKey?.id}
              top={item.start}
              height={item.size}
              onSelect={selectAndFocus}
              onCopy={onCopy}
            />
          );
        })}
      </div>
    </div>
  );
});
