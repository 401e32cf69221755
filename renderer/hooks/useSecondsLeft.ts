import { useEffect, useState } from 'react';

/**
 * Whole seconds until `deadline` (epoch ms), ticking live; 0 once it has passed, null without one.
 * Ticks twice a second so the number never lags a visible second behind the clock.
 */
export function useSecondsLeft(deadline: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [deadline]);
  if (deadline === null) return null;
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
