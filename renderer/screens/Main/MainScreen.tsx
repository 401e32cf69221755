import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { AuthStatus, KeyFilter, KeySummary, TagCount } from '../../api/types';
import { hasDrift, useDrift } from '../../api/useDrift';
import { useKeySearch } from '../../api/useKeySearch';
import { useKeySummaries } from '../../api/useKeySummaries';
import { useTags } from '../../api/useTags';
import { AuditLogView } from '../../components/AuditLog/AuditLogView';
import { DetailPanel } from '../../components/DetailPanel/DetailPanel';
import { KeyList } from '../../components/KeyList/KeyList';
import { KeyListHeader } from '../../components/KeyList/KeyListHeader';
import { Sidebar } from '../../components/Sidebar/Sidebar';
import { Toast } from '../../components/Toast/Toast';
import { useToast } from '../../components/Toast/useToast';
import { plural } from '../../format/text';
import { useGlobalShortcuts } from '../../hooks/useGlobalShortcuts';
import { useValueAfterPaint } from '../../hooks/useValueAfterPaint';
import type { DialogState } from './dialog-state';
import { DriftBanner } from './DriftBanner';
import { EmptyVault, ListLoading, NoMatches } from './EmptyStates';
import { listTitle } from './list-title';
import { MainDialogs } from './MainDialogs';
import { ReenrolBanner } from './ReenrolBanner';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useKeyActions } from './useKeyActions';
import { useKeyFilters } from './useKeyFilters';
import { ScanView } from '../../components/Scan/ScanView';
import { importSummary } from '../../format/import-summary';

export interface MainScreenProps {
  status: AuthStatus;
  onStatus: (status: AuthStatus) => void;
  onRefreshStatus: () => void;
  onReenrol: () => void;
}

const NO_KEYS: KeySummary[] = [];
const NO_TAGS: TagCount[] = [];

export function MainScreen({ status, onStatus, onRefreshStatus, onReenrol }: MainScreenProps) {
  const filters = useKeyFilters();
  const summaries = useKeySummaries();
  const shown = useKeySearch(filters.args, summaries.data, summaries.firstScreen);
  const tags = useTags();
  const drift = useDrift(summaries.data?.byId ?? null);
  const toast = useToast();
  const [view, setView] = useState<'keys' | 'audit' | 'scan'>('keys');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [activityVersion, setActivityVersion] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const list = shown?.keys ?? NO_KEYS;
  const rowCount = shown?.rowCount ?? list.length;
  // Right after an unlock, the first screen knows the vault's total and counts before the rest arrives.
  const held = summaries.data ?? summaries.firstScreen;
  const total = held?.total ?? null;
  const allTags = tags.data?.tags ?? NO_TAGS;
  // The selection falls back to the first key, so the details always show something and Enter in
  // the list (or after a search) acts on the top result.
  const selectedKey = useMemo(
    () => (selectedId === null ? undefined : list.find((key) => key.id === selectedId)) ?? list[0] ?? null,
    [list, selectedId],
  );
  // The list paints each new result (and the first list after unlock) first; the details follow in
  // a render of their own, right after that frame.
  const detailKey = useValueAfterPaint(selectedKey);

  const { reload: reloadKeys } = summaries;
  const { reload: reloadTags } = tags;
  const afterUse = useCallback(() => {
    reloadKeys();
    setActivityVersion((v) => v + 1);
  }, [reloadKeys]);
  const afterChange = useCallback(() => {
    reloadKeys();
    reloadTags();
    setActivityVersion((v) => v + 1);
  }, [reloadKeys, reloadTags]);
  const { copy } = useKeyActions(toast, afterUse);
  const { showMessage } = toast;
  // Stable, so the memoised details do not re-render on every keystroke in search.
  const copyReference = useCallback(
    async (key: KeySummary) => {
      const result = await call('copyReference', { key: { id: key.id } });
      if (result.ok) showMessage(`Copied ${result.value.reference}`);
      else showMessage(messageFor(result.error), 'error');
    },
    [showMessage],
  );
  const { recheck: recheckDrift } = drift;
  // A set, not a scan of the report on every render: a keychain check can report thousands.
  const missingValueIds = useMemo(() => new Set(drift.data?.missingValues.map((m) => m.id)), [drift.data]);
  const closingDrift = dialog?.kind === 'drift';
  const closeDialog = useCallback(() => {
    // Leaving the keychain review: list the keychain again, so the banner shows what is left.
    if (closingDrift) recheckDrift();
    setDialog(null);
  }, [closingDrift, recheckDrift]);
  const edit = useCallback((key: KeySummary) => setDialog({ kind: 'edit', key }), []);
  const askDelete = useCallback((key: KeySummary) => setDialog({ kind: 'delete', key }), []);
  const addKey = useCallback(() => setDialog({ kind: 'create' }), []);
  const rotate = useCallback((key: KeySummary) => setDialog({ kind: 'rotate', key }), []);
  const onRevealed = useCallback(() => setActivityVersion((v) => v + 1), []);
  const showError = useCallback((message: string) => showMessage(message, 'error'), [showMessage]);

  // Stable, so the memoised sidebar does not re-render on every keystroke in search.
  const { showAll, toggleTag, setFilter, clearAll } = filters;
  const sidebarShowAll = useCallback(() => {
    setView('keys');
    showAll();
  }, [showAll]);
  const sidebarToggleTag = useCallback(
    (tag: string) => {
      setView('keys');
      toggleTag(tag);
    },
    [toggleTag],
  );
  const sidebarFilter = useCallback(
    (filter: KeyFilter) => {
      setView('keys');
      setFilter(filter);
    },
    [setFilter],
  );
  const renameTag = useCallback((tag: string) => setDialog({ kind: 'renameTag', tag }), []);
  const deleteTag = useCallback((tag: TagCount) => setDialog({ kind: 'deleteTag', tag }), []);

  const focusSearch = () => {
    setView('keys');
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  useGlobalShortcuts({ focusSearch });

  const lock = useCallback(() => {
    void call('lock').then((result) => {
      if (result.ok) onStatus(result.value);
      else showMessage(messageFor(result.error), 'error');
    });
  }, [onStatus, showMessage]);

  // Stable, so the memoised top bar renders for a keystroke but not for the answer to it.
  const { setQuery } = filters;
  const changeQuery = useCallback(
    (next: string) => {
      setView('keys');
      setQuery(next);
    },
    [setQuery],
  );
  const leaveSearch = useCallback(() => gridRef.current?.focus(), []);
  const openSettings = useCallback(() => setDialog({ kind: 'settings' }), []);
  const openImportEnv = useCallback(() => setDialog({ kind: 'importEnv' }), []);
  const openExport = useCallback(() => setDialog({ kind: 'export' }), []);
  const reviewDrift = useCallback(() => setDialog({ kind: 'drift' }), []);
  const toggleAudit = useCallback(() => setView((v) => (v === 'audit' ? 'keys' : 'audit')), []);
  const toggleScan = useCallback(() => setView((v) => (v === 'scan' ? 'keys' : 'scan')), []);

  /** From the keychain review: the adopted "Recovered key …" opens in the edit form, to be named. */
  const renameAdopted = async (id: string) => {
    const result = await call('getKey', { key: { id } });
    recheckDrift();
    if (result.ok) {
      setSelectedId(id);
      setDialog({ kind: 'edit', key: result.value });
    } else toast.showMessage(messageFor(result.error), 'error');
  };

  const onKeyDeleted = (key: KeySummary) => {
    const index = list.findIndex((k) => k.id === key.id);
    setSelectedId((list[index + 1] ?? list[index - 1])?.id ?? null);
    setDialog(null);
    afterChange();
    toast.showMessage(`Deleted ${key.name}`);
  };

  const query = filters.query.trim();
  const filtersActive = query !== '' || filters.tags.length > 0 || filters.filter !== null;
  // What the list says when it has no rows: about the answer on screen, not the query being typed.
  const shownQuery = shown?.args.query ?? '';
  const loadError = summaries.error;
  const emptyKind = total === 0 ? 'vault' : shown ? 'matches' : loadError ? 'error' : 'loading';
  const emptyState = useMemo<ReactNode>(() => {
    if (emptyKind === 'vault') return <EmptyVault onAddKey={addKey} />;
    if (emptyKind === 'matches') return <NoMatches query={shownQuery} onClear={clearAll} />;
    if (emptyKind === 'error' && loadError) return <p className="notice notice--error">{messageFor(loadError)}</p>;
    return <ListLoading />;
  }, [emptyKind, shownQuery, loadError, addKey, clearAll]);
  const shownArgs = useMemo(() => JSON.stringify(shown?.args ?? null), [shown]);

  return (
    <div className="main-shell">
      <TopBar
        query={filters.query}
        onQueryChange={changeQuery}
        searchRef={searchRef}
        onLeaveSearch={leaveSearch}
        onAddKey={addKey}
        onLock={lock}
        onOpenSettings={openSettings}
        auditOpen={view === 'audit'}
        onToggleAudit={toggleAudit}
        onImportEnv={openImportEnv}
        onExport={openExport}
        scanOpen={view === 'scan'}
        onToggleScan={toggleScan}
        sessionExpiresAt={status.sessionExpiresAt}
        onSessionExpired={onRefreshStatus}
      />
      {status.reenrolmentRequired && <ReenrolBanner recoveryCodesLeft={status.recoveryCodesLeft} onReenrol={onReenrol} />}
      {hasDrift(drift.data) && <DriftBanner report={drift.data} onReview={reviewDrift} />}
      <div className="main-body">
        <Sidebar
          total={total}
          counts={held?.counts ?? null}
          tags={tags.data?.tags ?? null}
          selectedTags={filters.tags}
          filter={filters.filter}
          onShowAll={sidebarShowAll}
          onToggleTag={sidebarToggleTag}
          onFilter={sidebarFilter}
          onRenameTag={renameTag}
          onDeleteTag={deleteTag}
        />
        {view === 'scan' ? (
          <main className="main-content main-content--audit">
            <ScanView
              onBack={() => setView('keys')}
              onImported={(report) => {
                afterChange();
                toast.showMessage(importSummary(report));
              }}
              onCopied={(reference) => toast.showMessage(`Copied ${reference}`)}
            />
          </main>
        ) : view === 'audit' ? (
          <main className="main-content main-content--audit">
            <AuditLogView keys={summaries.data} onBack={() => setView('keys')} />
          </main>
        ) : (
          <main className={list.length > 0 ? 'main-content' : 'main-content main-content--no-detail'}>
            <div className="list-pane">
              <KeyListHeader
                title={listTitle(query, filters.tags, filters.filter)}
                shown={shown ? rowCount : null}
                total={total}
                sort={filters.sort}
                searching={filters.searching}
                onSortChange={filters.setSort}
                filtersActive={filtersActive}
                onClearFilters={clearAll}
              />
              <KeyList
                keys={list}
                rowCount={rowCount}
                selectedId={selectedKey?.id ?? null}
                onSelect={setSelectedId}
                onCopy={copy}
                onEdit={edit}
                onDelete={askDelete}
                scrollResetKey={shownArgs}
                gridRef={gridRef}
                emptyState={emptyState}
              />
            </div>
            {list.length > 0 && detailKey && (
              <DetailPanel
                keySummary={detailKey}
                activityVersion={activityVersion}
                valueMissing={missingValueIds.has(detailKey.id)}
                onCopy={copy}
                onCopyReference={copyReference}
                onEdit={edit}
                onRotate={rotate}
                onDelete={askDelete}
                onRevealed={onRevealed}
                onError={showError}
              />
            )}
          </main>
        )}
      </div>
      <StatusBar>
        <Toast toast={toast.toast} onDismiss={toast.dismiss} />
      </StatusBar>

      <MainDialogs
        dialog={dialog}
        tags={allTags}
        recoveryCodesLeft={status.recoveryCodesLeft}
        onClose={closeDialog}
        onKeySaved={(key, created) => {
          setDialog(null);
          if (created) filters.clearAll();
          setSelectedId(key.id);
          afterChange();
          toast.showMessage(created ? `Added ${key.name}` : `Saved ${key.name}`);
        }}
        onKeyRotated={(key) => {
          setDialog(null);
          afterChange();
          toast.showMessage(`Rotated ${key.name}`);
        }}
        onKeyDeleted={onKeyDeleted}
        onTagRenamed={(from, to, merged) => {
          setDialog(null);
          filters.setTags(filters.tags.includes(from) ? [...new Set(filters.tags.map((t) => (t === from ? to : t)))] : filters.tags);
          afterChange();
          toast.showMessage(merged ? `Merged tag “${from}” into “${to}”` : `Renamed tag “${from}” to “${to}”`);
        }}
        onTagDeleted={(tag) => {
          setDialog(null);
          filters.setTags(filters.tags.filter((t) => t !== tag));
          afterChange();
          toast.showMessage(`Deleted tag “${tag}”`);
        }}
        onSettingsSaved={() => {
          setDialog(null);
          onRefreshStatus();
          toast.showMessage('Settings saved');
        }}
        onReenrol={() => {
          setDialog(null);
          onReenrol();
        }}
        shownKeys={list}
        allKeys={summaries.data?.all ?? NO_KEYS}
        onImported={(report) => {
          setDialog(null);
          filters.clearAll();
          afterChange();
          toast.showMessage(importSummary(report));
        }}
        onExported={(path, count) => {
          setDialog(null);
          afterUse();
          toast.showMessage(`Exported ${plural(count, 'key')} to ${path} (readable only by you)`);
        }}
        driftReport={drift.data}
        onDriftRepaired={afterChange}
        onRenameAdopted={(id) => void renameAdopted(id)}
        onRestored={() => {
          // Settings stays open and says what the restore did; the list and status behind it catch up.
          afterChange();
          onRefreshStatus();
        }}
      />
    </div>
  );
}
