import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from './client';
import { coalescedRuns, type CoalescedRuns } from './coalesced-runs';
import type { DriftReport } from './types';

/**
 * How long the CLI must leave the index alone before the window lists the keychain again: a
 * script's burst of changes then costs one listing, made after the burst, not while its deletes
 * are still removing entries (whose report would be out of date at once).
 */
const DRIFT_RECHECK_QUIET_MS = 1_000;

export interface Drift {
  /** The latest report; a failed check leaves the previous one, so the banner does not flicker. */
  data: DriftReport | null;
  /** Lists the keychain afresh (after a repair, or when the review closes). */
  recheck: () => void;
}

/**
 * The drift between the index and the keychain, for the main view's banner. The first check takes
 * the one the unlock started in the background (no wait for a keychain listing on the way in);
 * later ones ask the vault to list the keychain again, also when keys were added or removed (by
 * the CLI, or by this window): deleting a key whose value was missing ends that drift. A change to
 * fields alone cannot change drift, and every `keystash get` or `run` writes one (the last-used
 * time), so those do not list the keychain. `keyIds`: the keys the window holds, by id.
 *
 * A listing costs about 1 s per 500 entries, so checks never overlap, and the changes that arrive
 * during one make a single check after it. The key list does not wait for any of this: it reloads
 * on vaultChanged by itself.
 */
export function useDrift(keyIds: ReadonlyMap<string, unknown> | null): Drift {
  const [data, setData] = useState<DriftReport | null>(null);
  const checks = useRef<CoalescedRuns | null>(null);

  useEffect(() => {
    let mounted = true;
    let first = true;
    const runs = coalescedRuns(async () => {
      const args = first ? {} : { refresh: true };
      first = false;
      const result = await call('checkDrift', args);
      if (mounted && result.ok) setData(result.value);
    }, DRIFT_RECHECK_QUIET_MS);
    checks.current = runs;
    runs.now();
    return () => {
      mounted = false;
      runs.stop();
    };
  }, []);

  const recheck = useCallback(() => checks.current?.now(), []);

  const heldIds = useRef<ReadonlySet<string> | null>(null);
  useEffect(() => {
    if (!keyIds) return;
    const previous = heldIds.current;
    heldIds.current = new Set(keyIds.keys());
    if (previous && !sameIds(previous, keyIds)) checks.current?.whenQuiet();
  }, [keyIds]);

  return { data, recheck };
}

function sameIds(previous: ReadonlySet<string>, current: ReadonlyMap<string, unknown>): boolean {
  if (previous.size !== current.size) return false;
  for (const id of previous) if (!current.has(id)) return false;
  return true;
}

export function hasDrift(report: DriftReport | null): report is DriftReport {
  return report !== null && (report.missingValues.length > 0 || report.orphanedValues.length > 0);
}
