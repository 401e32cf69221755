import { useEffect, useState } from 'react';

/**
 * False from the moment `value` changes until it has stayed the same for `delayMs`; true on mount.
 * For work worth doing only once the user stops moving through values.
 */
export function useHasSettled<T>(value: T, delayMs: number): boolean {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return Object.is(settled, value);
}
