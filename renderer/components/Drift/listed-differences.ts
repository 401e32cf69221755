import type { DriftReport } from '../../api/types';

/**
 * The differences the open review lists: those it opened with, then any a later check found,
 * appended. None leaves while the review is open: the window checks the keychain again a second
 * after each repair, and that check no longer reports what was just adopted or forgotten, but
 * its row (with "Adopted as …" and Rename…) must stay where the user is looking. A row for a
 * difference mended elsewhere meanwhile stays too; acting on it says it no longer differs.
 */
export function listedDifferences(listed: DriftReport, latest: DriftReport): DriftReport {
  const ids = new Set(listed.missingValues.map((key) => key.id));
  const accounts = new Set(listed.orphanedValues.map((orphan) => orphan.account));
  const newMissing = latest.missingValues.filter((key) => !ids.has(key.id));
  const newOrphans = latest.orphanedValues.filter((orphan) => !accounts.has(orphan.account));
  if (newMissing.length === 0 && newOrphans.length === 0) return listed;
  return {
    missingValues: [...listed.missingValues, ...newMissing],
    orphanedValues: [...listed.orphanedValues, ...newOrphans],
    checkedAt: latest.checkedAt,
  };
}
