import { memo, type KeyboardEvent, type RefObject } from 'react';
import { Icon } from '../../components/Icon/Icon';
import { AutoLockCountdown } from './AutoLockCountdown';

export interface TopBarProps {
  query: string;
  onQueryChange: (query: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** ArrowDown or Enter in the search box hands the keyboard to the list. */
  onLeaveSearch: () => void;
  onAddKey: () => void;
  onLock: () => void;
  onImportEnv: () => void;
  onExport: () => void;
  scanOpen: boolean;
  onToggleScan: () => void;
  onOpenSettings: () => void;
  auditOpen: boolean;
  onToggleAudit: () => void;
  sessionExpiresAt: number | null;
  onSessionExpired: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Memoised, with stable callbacks from MainScreen: it renders for a keystroke, not for the answer to it. */
export const TopBar = memo(function TopBar(props: TopBarProps) {
  const { query, onQueryChange, searchRef, onLeaveSearch } = props;
  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && !event.nativeEvent.isComposing)) {
      event.preventDefault();
      onLeaveSearch();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) onQueryChange('');
      else onLeaveSearch();
    }
  };

  return (
    <header className="topbar">
      <div className="topbar__brand" aria-hidden="true">
        <span className="brand__mark">
          <Icon name="key" size={16} />
        </span>
        <span className="topbar__brand-name">Keystash</span>
      </div>
      <div className="search" role="search">
        <Icon name="search" className="search__icon" />
        <input
          ref={searchRef}
          className="search__input"
          type="search"
          aria-label="Search keys"
          aria-keyshortcuts={isMac ? 'Meta+K /' : 'Control+K /'}
          placeholder="Search keys"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => onQueryChange(event.target.value)}
          onKeyDown={onSearchKeyDown}
        />
        <kbd className="search__hint" aria-hidden="true">
          {isMac ? '⌘K' : 'Ctrl K'}
        </kbd>
      </div>
      <button type="button" className="button button--primary" onClick={props.onAddKey}>
        <Icon name="plus" />
        Add key
      </button>
      <button title="Import .env…" type="button" className="button button--ghost" onClick={props.onImportEnv}>
        <Icon name="upload" />
        <span className="topbar__label">Import .env…</span>
      </button>
      <button title="Export…" type="button" className="button button--ghost" onClick={props.onExport}>
        <Icon name="download" />
        <span className="topbar__label">Export…</span>
      </button>
      <button title="Scan a folder…" type="button" className="button button--ghost" aria-pressed={props.scanOpen} onClick={props.onToggleScan}>
        <Icon name="scan" />
        <span className="topbar__label">Scan a folder…</span>
      </button>
      <div className="topbar__spacer" />
      <AutoLockCountdown expiresAt={props.sessionExpiresAt} onExpired={props.onSessionExpired} />
      <button title="Audit log" type="button" className="button button--ghost" aria-pressed={props.auditOpen} onClick={props.onToggleAudit}>
        <Icon name="log" />
        <span className="topbar__label">Audit log</span>
      </button>
      <button title="Settings" type="button" className="button button--ghost" onClick={props.onOpenSettings}>
        <Icon name="settings" />
        <span className="topbar__label">Settings</span>
      </button>
      <button type="button" className="button button--secondary" onClick={props.onLock}>
        <Icon name="lock" />
        Lock
      </button>
    </header>
  );
});
