import { useEffect, useRef } from 'react';
import { call } from './client';
import type { AuthStatus } from './types';

const KEEP_ALIVE_EVERY_MS = 15_000;
const WARNING_MS = 60_000;

/**
 * Tells the vault the user is here, so auto-lock measures the user and not the last request.
 * At most one call every 15 s; but once the auto-lock warning shows, the next input answers at once,
 * so the warning disappears as soon as the user moves. Enabled whenever the session is open,
 * including while a new authenticator is being set up.
 */
export function useKeepAlive(enabled: boolean, sessionExpiresAt: number | null, onStatus: (status: AuthStatus) => void): void {
  const expiresAt = useRef(sessionExpiresAt);
  const latestOnStatus = useRef(onStatus);
  useEffect(() => {
    expiresAt.current = sessionExpiresAt;
    latestOnStatus.current = onStatus;
  });

  useEffect(() => {
    if (!enabled) return;
    let lastSentAt = Date.now();
    let inFlight = false;
    let pending: number | undefined;
    const onUserInput = () => {
      const now = Date.now();
      const warningShown = expiresAt.current !== null && expiresAt.current - now < WARNING_MS;
      if (inFlight || (!warningShown && now - lastSentAt < KEEP_ALIVE_EVERY_MS)) return;
      lastSentAt = now;
      inFlight = true;
      // In a task of its own: a keystroke in search sends its search from this same task (keydown,
      // then input), and that search should reach the vault first, not queue behind this call.
      pending = window.setTimeout(() => {
        void call('keepAlive').then((result) => {
          inFlight = false;
          if (result.ok) latestOnStatus.current(result.value);
        });
      }, 0);
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', onUserInput, options);
    window.addEventListener('pointerdown', onUserInput, options);
    window.addEventListener('wheel', onUserInput, options);
    return () => {
      window.clearTimeout(pending);
      window.removeEventListener('keydown', onUserInput, options);
      window.removeEventListener('pointerdown', onUserInput, options);
      window.removeEventListener('wheel', onUserInput, options);
    };
  }, [enabled]);
}
