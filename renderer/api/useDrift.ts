import { useCallback, useState } from 'react';
import { call } from './client';
import { useLoader, type Loaded } from './useLoader';
import type { DriftReport } from './types';

export interface Drift extends Loaded<DriftReport> {
  /** Lists the keychain afresh (after a repair, or when the review closes). */
  recheck: () => void;
}

/**
 * The drift between the index and the keychain, for the main view's banner. The first call takes
 * the check that the unlock started in the background (no wait for a keychain listing on the way
 * in); a recheck asks the vault to list the keychain again.
 */
export function useDrift(): Drift {
  const [checks, setChecks] = useState(0);
  const loaded = useLoader(() => call('checkDrift', checks === 0 ? {} : { refresh: true }), `drift-${checks}`);
  const recheck = useCallback(() => setChecks((n) => n + 1), []);
  return { ...loaded, recheck };
}

export function hasDrift(report: DriftReport | null): report is DriftReport {
  return report !== null && (report.missingValues.length > 0 || report.orphanedValues.length > 0);
}
