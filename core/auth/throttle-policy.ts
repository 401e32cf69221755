/**
 * Throttling of unlock attempts (NIST SP 800-63B 5.2.2): five failures are free, then the wait
 * doubles from 30 s up to 15 min, and after 100 consecutive failures only a recovery code unlocks.
 */
export const FREE_FAILURES = 5;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;
export const FAILURES_BEFORE_RECOVERY_ONLY = 100;

/** The wait imposed after the given number of consecutive failures, 0 if none. */
export function waitAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  const doublings = failures - FREE_FAILURES - 1;
  return Math.min(FIRST_WAIT_MS * 2 ** Math.min(doublings, 20), MAX_WAIT_MS);
}

export function recoveryCodeRequired(failures: number): boolean {
  return failures >= FAILURES_BEFORE_RECOVERY_ONLY;
}

/** "1 min 30 s", "45 s", "15 min": how the UI and CLI say a wait. */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const min = Math.floor(total / 60);
  const sec = total % 60;
  if (min === 0) return `${sec} s`;
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
}
