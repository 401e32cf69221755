import { useState } from 'react';
import { useSecondsLeft } from '../../hooks/useSecondsLeft';

export interface Throttle {
  /** When the current (or last) wait ends; null when there is none to talk about. */
  until: number | null;
  /** True while attempts are refused. */
  active: boolean;
  start: (retryAfterSeconds: number | undefined) => void;
  clear: () => void;
}

/** The vault's THROTTLED answer as a deadline that counts down on screen. */
export function useThrottle(initialUntil: number | null): Throttle {
  const [until, setUntil] = useState<number | null>(initialUntil);
  const secondsLeft = useSecondsLeft(until);
  return {
    until,
    active: secondsLeft !== null && secondsLeft > 0,
    start: (retryAfterSeconds) => setUntil(Date.now() + (retryAfterSeconds ?? 30) * 1000),
    clear: () => setUntil(null),
  };
}
