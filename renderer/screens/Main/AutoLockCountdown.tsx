import { useEffect, useRef } from 'react';
import { useSecondsLeft } from '../../hooks/useSecondsLeft';
import { Icon } from '../../components/Icon/Icon';

const WARN_BELOW_SECONDS = 60;
/** If the `locked` event has not arrived shortly after expiry, ask the vault directly. */
const EXPIRY_CHECK_DELAY_MS = 1_500;

/**
 * "Locks in 42 s", only in the last minute. The region is always mounted so the warning is announced
 * once when it appears; the ticking number is not announced.
 */
export function AutoLockCountdown({ expiresAt, onExpired }: { expiresAt: number | null; onExpired: () => void }) {
  const secondsLeft = useSecondsLeft(expiresAt);
  const latestOnExpired = useRef(onExpired);
  useEffect(() => {
    latestOnExpired.current = onExpired;
  });
  const expired = secondsLeft === 0;
  useEffect(() => {
    if (!expired) return;
    const timer = window.setTimeout(() => latestOnExpired.current(), EXPIRY_CHECK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [expired]);

  const warn = secondsLeft !== null && secondsLeft <= WARN_BELOW_SECONDS;
  return (
    <div className="autolock" role="status">
      {warn && (
        <span className="autolock__pill" title="Press any key or move the pointer to stay unlocked">
          <Icon name="clock" size={14} />
          Locks in{' '}
          <span role="timer" aria-live="off">
            {secondsLeft} s
          </span>
        </span>
      )}
    </div>
  );
}
