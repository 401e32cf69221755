import { describe, expect, it } from 'vitest';
import { formatWait, recoveryCodeRequired, waitAfterFailures } from './throttle-policy';

describe('throttle policy', () => {
  it('lets five failures pass, then doubles from 30 s to a 15-minute cap', () => {
    expect([1, 2, 3, 4, 5].map(waitAfterFailures)).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9, 10, 11, 12].map((n) => waitAfterFailures(n) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(waitAfterFailures(99)).toBe(900_000);
  });

  it('requires a recovery code from the 100th consecutive failure', () => {
    expect(recoveryCodeRequired(99)).toBe(false);
    expect(recoveryCodeRequired(100)).toBe(true);
  });

  it('says waits the way the UI shows them', () => {
    expect(formatWait(90_000)).toBe('1 min 30 s');
    expect(formatWait(45_000)).toBe('45 s');
    expect(formatWait(900_000)).toBe('15 min');
    expect(formatWait(200)).toBe('1 s');
  });
});
