import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { AuthStatus, KeySummary, TagCount } from '../../api/types';
import { useKeys } from '../../api/useKeys';
import { useTags } from '../../api/useTags';
import { AuditLogView } from '../../components/AuditLog/AuditLogView';
import { DetailPanel, DetailPlaceholder } from '../../components/DetailPanel/DetailPanel';
import { KeyList } from '../../components/KeyList/KeyList';
import { KeyListHeader } from '../../components/KeyList/KeyListHeader';
import { Sidebar } from '../../components/Sidebar/Sidebar';
import { Toast } from '../../components/Toast/Toast';
import { useToast } from '../../components/Toast/useToast';
import { useGlobalShortcuts } from '../../hooks/useGlobalShortcuts';
import type { DialogState } from './dialog-state';
import { EmptyVault, ListLoading, NoMatches } from './EmptyStates';
import { listTitle } from './list-title';
import { MainDialogs } from './MainDialogs';
import { ReenrolBanner } from './ReenrolBanner';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useKeyActions } from './useKeyActions';
import { useKeyFilters } from './useKeyFilters';

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
  const keys = useKeys(filters.args);
  const tags = useTags();
  const toast = useToast();
  const [view, setView] = useState<'keys' | 'audit'>('keys');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [activityVersion, setActivityVersion] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const list = keys.data?.keys ?? NO_KEYS;
  const allTags = tags.data?.tags ?? NO_TAGS;
  // The selection falls back to the first key, so the details always show something and Enter in
  // the list (or after a search) acts on the top result.
  const selectedKey = useMemo(() => list.find((key) => key.id === selectedId) ?? list[0] ?? null, [list, selectedId]);

  const { reload: reloadKeys } = keys;
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
  const closeDialog = useCallback(() => setDialog(null), []);
  const edit = useCallback((key: KeySummary) => setDialog({ kind: 'edit', key }), []);
  const askDelete = useCallback((key: KeySummary) => setDialog({ kind: 'delete', key }), []);
  const addKey = useCallback(() => setDialog({ kind: 'create' }), []);

  const focusSearch = () => {
    setView('keys');
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  useGlobalShortcuts({ focusSearch });

  const lock = async () => {
    const result = await call('lock');
    if (result.ok) onStatus(result.value);
    else toast.showMessage(messageFor(result.error), 'error');
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
  let emptyState: ReactNode;
  if (keys.data?.total === 0) emptyState = <EmptyVault onAddKey={addKey} />;
  else if (keys.data) emptyState = <NoMatches query={query} onClear={filters.clearAll} />;
  else if (keys.error) emptyState = <p className="notice notice--error">{messageFor(keys.error)}</p>;
  else emptyState = <ListLoading />;

  return (
    <div className="main-shell">
      <TopBar
        query={filters.query}
        onQueryChange={(next) => {
          setView('keys');
          filters.setQuery(next);
        }}
        searchRef={searchRef}
        onLeaveSearch={() => gridRef.current?.focus()}
        onAddKey={addKey}
        onLock={() => void lock()}
        onOpenSettings={() => setDialog({ kind: 'settings' })}
        auditOpen={view === 'audit'}
        onToggleAudit={() => setView((v) => (v === 'audit' ? 'keys' : 'audit'))}
        sessionExpiresAt={status.sessionExpiresAt}
        onSessionExpired={onRefreshStatus}
      />
      {status.reenrolmentRequired && <ReenrolBanner recoveryCodesLeft={status.recoveryCodesLeft} onReenrol={onReenrol} />}
      <div className="main-body">
        <Sidebar
          total={keys.data?.total ?? null}
          tags={tags.data?.tags ?? null}
          selectedTags={filters.tags}
          filter={filters.filter}
          onShowAll={() => {
            setView('keys');
            filters.showAll();
          }}
          onToggleTag={(tag) => {
            setView('keys');
            filters.toggleTag(tag);
          }}
          onFilter={(filter) => {
            setView('keys');
            filters.setFilter(filter);
          }}
          onRenameTag={(tag) => setDialog({ kind: 'renameTag', tag })}
          onDeleteTag={(tag) => setDialog({ kind: 'deleteTag', tag })}
        />
        {view === 'audit' ? (
          <main className="main-content main-content--audit">
            <AuditLogView onBack={() => setView('keys')} />
          </main>
        ) : (
          <main className={list.length > 0 ? 'main-content' : 'main-content main-content--no-detail'}>
            <div className="list-pane">
              <KeyListHeader
                title={listTitle(query, filters.tags, filters.filter)}
                shown={keys.data ? list.length : null}
                total={keys.data?.total ?? null}
                sort={filters.sort}
                searching={filters.searching}
                onSortChange={filters.setSort}
                filtersActive={filtersActive}
                onClearFilters={filters.clearAll}
              />
              <KeyList
                keys={list}
                selectedId={selectedKey?.id ?? null}
                onSelect={setSelectedId}
                onCopy={copy}
                onEdit={edit}
                onDelete={askDelete}
                scrollResetKey={JSON.stringify(filters.args)}
                gridRef={gridRef}
                emptyState={emptyState}
              />
            </div>
            {list.length > 0 &&
              (selectedKey ? (
                <DetailPanel
                  keySummary={selectedKey}
                  activityVersion={activityVersion}
                  onCopy={copy}
                  onEdit={edit}
                  onRotate={(key) => setDialog({ kind: 'rotate', key })}
                  onDelete={askDelete}
                  onRevealed={() => setActivityVersion((v) => v + 1)}
                  onError={(message) => toast.showMessage(message, 'error')}
                />
              ) : (
                <DetailPlaceholder />
              ))}
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
      />
    </div>
  );
}
