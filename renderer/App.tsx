import { useCallback, useEffect, useState } from 'react';
import { onSessionLost } from './api/client';
import { messageFor } from './api/errors';
import { useAuthStatus } from './api/useAuthStatus';
import { useKeepAlive } from './api/useKeepAlive';
import { dropPrefetchedKeySummaries, prefetchKeySummaries } from './api/useKeySummaries';
import type { AuthStatus } from './api/types';
import { useLockedEvent } from './api/useVaultEvents';
import { EnrolScreen } from './screens/Enrol/EnrolScreen';
import { AuthLayout } from './screens/AuthLayout';
import { MainScreen } from './screens/Main/MainScreen';
import { UnlockScreen } from './screens/Unlock/UnlockScreen';

type EnrolMode = 'first' | 'again' | null;

/**
 * The auth state machine: not enrolled → enrolment; enrolled and locked → unlock; unlocked → main.
 * Enrolment is held as its own state because confirming it already opens the session, and the user
 * must still see the recovery codes before the main view takes over.
 *
 * Locking unmounts the main view, which is what clears every revealed value from memory.
 */
export function App() {
  const { status, error, refresh, setStatus } = useAuthStatus();
  const [enrolMode, setEnrolMode] = useState<EnrolMode>(null);

  if (status && !status.enrolled && enrolMode === null) setEnrolMode('first');

  useLockedEvent(() => {
    dropPrefetchedKeySummaries();
    if (enrolMode === 'again') setEnrolMode(null);
    void refresh();
  });
  useEffect(
    () =>
      onSessionLost(() => {
        dropPrefetchedKeySummaries();
        void refresh();
      }),
    [refresh],
  );
  useKeepAlive(status?.unlocked ?? false, status?.sessionExpiresAt ?? null, setStatus);
  // Stable, so the main view's memoised top bar does not render again when the status changes.
  const refreshStatus = useCallback(() => void refresh(), [refresh]);

  const screen = !status ? 'loading' : enrolMode ? 'enrol' : status.unlocked ? 'main' : 'unlock';
  useEffect(() => {
    document.title = screen === 'main' ? 'Keystash' : screen === 'unlock' ? 'Keystash — Locked' : 'Keystash — Set up';
  }, [screen]);

  if (!status) {
    if (!error) return <main className="auth-page" aria-busy="true" />;
    return (
      <AuthLayout>
        <h1 className="auth-title">Keystash cannot open its vault</h1>
        <p className="notice notice--error" role="alert">
          {messageFor(error)}
        </p>
        <button type="button" className="button button--primary" onClick={() => void refresh()}>
          Try again
        </button>
      </AuthLayout>
    );
  }

  if (enrolMode) {
    return (
      <EnrolScreen
        key={enrolMode}
        mode={enrolMode}
        onFinished={async () => {
          await refresh();
          setEnrolMode(null);
        }}
        onCancel={enrolMode === 'again' ? () => setEnrolMode(null) : undefined}
      />
    );
  }

  const onUnlocked = (next: AuthStatus) => {
    // The key list is what comes next: ask for it now, not once the main view has mounted.
    if (next.unlocked) prefetchKeySummaries();
    setStatus(next);
  };
  if (!status.unlocked) return <UnlockScreen status={status} onUnlocked={onUnlocked} />;

  return (
    <MainScreen
      status={status}
      onStatus={setStatus}
      onRefreshStatus={refreshStatus}
      onReenrol={() => setEnrolMode('again')}
    />
  );
}
