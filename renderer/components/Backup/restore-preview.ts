import type { ApiError, RestoreReport } from '../../api/types';
import { messageFor } from '../../api/errors';
import { plural } from '../../format/text';

export type ConflictChoice = 'skip' | 'replace' | 'rename';

/** A dry run with "skip": each skipped key is one whose name this vault already has. */
export interface RestorePreview {
  adds: number;
  conflicts: string[];
  backupCreatedAt: string;
}

export function previewOf(dryRun: RestoreReport): RestorePreview {
  return {
    adds: dryRun.restored,
    conflicts: dryRun.outcomes.filter((o) => o.status === 'skipped').map((o) => o.name),
    backupCreatedAt: dryRun.backupCreatedAt,
  };
}

/** "Restored 12 keys · replaced 3", leaving out the counts that are zero. */
export function restoreSummary(report: RestoreReport): string {
  const parts = [
    report.restored > 0 ? `restored ${plural(report.restored, 'key')}` : null,
    report.replaced > 0 ? `replaced ${report.replaced}` : null,
    report.renamed > 0 ? `renamed ${report.renamed}` : null,
    report.skipped > 0 ? `kept ${report.skipped} already in the vault` : null,
    report.settingsRestored ? 'restored settings' : null,
  ].filter((p): p is string => p !== null);
  const text = parts.length > 0 ? parts.join(' · ') : 'nothing to restore';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Which field an error from restoreBackup belongs to. */
export type RestoreErrorPlace = 'file' | 'passphrase' | 'form';

export function placeOf(error: ApiError): RestoreErrorPlace {
  // AES-GCM cannot tell a wrong passphrase from a changed file; the vault's message names both.
  if (error.code === 'WRONG_CODE') return 'passphrase';
  if (error.code === 'INVALID_ARGUMENT' && (error.field === 'content' || /not a Keystash backup|backup was decrypted/.test(error.message))) return 'file';
  if (error.code === 'INVALID_ARGUMENT' && error.field === 'passphrase') return 'passphrase';
  return 'form';
}

/** The message for a restore error: the vault's own words where the unlock wording would mislead. */
export function restoreErrorMessage(error: ApiError): string {
  return error.code === 'WRONG_CODE' ? error.message : messageFor(error);
}
