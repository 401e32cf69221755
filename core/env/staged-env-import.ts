import { basename } from 'node:path';
import type { EnvImportRow } from '../api/results';
import type { ImportEntry } from '../api/schemas';
import { maskSecret } from '../detect/mask';
import { VaultError } from '../errors';
import type { KeyRecord } from '../keys/key-record';
import { nameKey } from '../keys/label-text';
import { DotenvScanMismatch, scanDotenv } from './dotenv-scan';
import { planDotenvImport, type ImportRow } from './import-plan';

/** What main keeps of a .env file between the preview and the commit: its rows, values included. */
export interface StagedEnvFile {
  fileName: string;
  rows: ImportRow[];
}

export interface RowChoice {
  row: number;
  name: string;
  tags: string[];
  onConflict: 'skip' | 'replace';
}

/** Reads a .env file's text as dotenv does, into import rows; a file dotenv would misread is refused. */
export function stageEnvText(path: string, text: string): StagedEnvFile {
  try {
    return { fileName: basename(path), rows: planDotenvImport(scanDotenv(text), { tags: [] }) };
  } catch (error) {
    if (error instanceof DotenvScanMismatch) {
      throw new VaultError('INVALID_ARGUMENT', `${basename(path)} cannot be read safely: ${error.message}. Fix the file, or import it with keystash import to see more.`);
    }
    throw error;
  }
}

/** The preview rows: what each variable would become and whether a key already has its name. */
export function previewRows(staged: StagedEnvFile, existing: readonly KeyRecord[]): EnvImportRow[] {
  const byName = new Map(existing.map((k) => [nameKey(k.name), k]));
  return staged.rows.map((row, index) => {
    const name = row.entry?.name ?? row.variable;
    const taken = byName.get(nameKey(name));
    return {
      row: index,
      variable: row.variable,
      line: row.line,
      overriddenLines: row.overriddenLines,
      name,
      envVar: row.entry?.envVar ?? null,
      provider: row.entry?.provider ?? null,
      tags: row.entry?.tags ?? [],
      masked: row.entry ? maskSecret(row.entry.secret) : null,
      status: row.status,
      reason: row.reason,
      conflict: taken ? { id: taken.id, name: taken.name } : null,
    };
  });
}

/**
 * The entries to import, in the user's order, with the user's names and tags. A row the preview
 * said cannot be imported, or one chosen twice, is refused before anything is written.
 */
export function entriesForChoices(staged: StagedEnvFile, choices: readonly RowChoice[]): { entries: ImportEntry[]; replace: Set<ImportEntry> } {
  const seen = new Set<number>();
  const replace = new Set<ImportEntry>();
  const entries = choices.map((choice) => {
    const entry = staged.rows[choice.row]?.entry;
    if (!entry) throw new VaultError('INVALID_ARGUMENT', `Row ${choice.row + 1} of the preview cannot be imported.`, { field: 'rows' });
    if (seen.has(choice.row)) throw new VaultError('INVALID_ARGUMENT', `Row ${choice.row + 1} is chosen twice.`, { field: 'rows' });
    seen.add(choice.row);
    const chosen: ImportEntry = { ...entry, name: choice.name, tags: choice.tags };
    if (choice.onConflict === 'replace') replace.add(chosen);
    return chosen;
  });
  return { entries, replace };
}
