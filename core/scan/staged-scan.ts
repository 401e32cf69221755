import type { StagedScan } from '../api/results';
import type { ImportEntry } from '../api/schemas';
import { VaultError } from '../errors';
import { planImport, type PlannedKey } from './import-plan';
import type { ScanOutcome } from './scan-tree';

/** A scan as the window sees it: findings grouped by file, values masked, fingerprints to choose by. */
export function viewOfScan(stagingId: string, outcome: ScanOutcome): StagedScan {
  const { report } = outcome;
  const files = new Map<string, StagedScan['files'][number]>();
  for (const f of report.findings) {
    let file = files.get(f.path);
    if (!file) files.set(f.path, (file = { path: f.path, findings: [] }));
    file.findings.push({ fingerprint: f.fingerprint, line: f.line, column: f.column, ruleId: f.ruleId, provider: f.provider, masked: f.masked });
  }
  return {
    stagingId,
    root: report.root,
    files: [...files.values()],
    distinct: new Set(report.findings.map((f) => f.fingerprint)).size,
    filesScanned: report.stats.filesScanned,
    durationMs: report.stats.durationMs,
    ignoredEnvFiles: report.ignoredEnvFiles,
  };
}

/**
 * The keys to create for the chosen findings: one per distinct value (scan's planImport names them
 * and notes where they were found), with the value taken from the staged scan.
 */
export function scanImportEntries(
  outcome: ScanOutcome,
  fingerprints: readonly string[],
  options: { takenNames: Iterable<string>; tags: readonly string[] },
): { planned: PlannedKey; entry: ImportEntry }[] {
  const chosen = new Set(fingerprints);
  const findings = outcome.report.findings.filter((f) => chosen.has(f.fingerprint));
  if (findings.length === 0) throw new VaultError('INVALID_ARGUMENT', 'None of the selected findings is in this scan; scan the folder again.', { field: 'fingerprints' });
  return planImport(findings, options).map((planned) => ({
    planned,
    entry: {
      name: planned.name,
      secret: outcome.secrets.get(planned.fingerprint)!,
      envVar: planned.envVar,
      provider: planned.provider,
      tags: planned.tags,
      notes: planned.notes,
    },
  }));
}
