import { isAbsolute, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { VaultError } from '../errors';
import { DEFAULT_EXPORT_NAMES, checkExportFile, writeExportFile } from '../env/export-file';
import type { StagedEnvFile } from '../env/staged-env-import';
import { referenceFor } from '../refs/reference';
import type { ScanOutcome } from '../scan/scan-tree';
import { alreadyStored } from '../scan/stored-values';
import type { Vault } from '../vault';
import { importAndAudit } from './import-and-audit';
import type { OperationName, ParsedArgsOf, ResultOf } from './operations';
import { ENV_FILE_MAX_CHARS } from './schemas';

type TransferOperation = 'hostFeatures' | 'stageEnvImport' | 'commitEnvImport' | 'chooseExportFile' | 'exportToFile' | 'scanFolder' | 'importScanFindings';
type Handler<N extends OperationName> = (vault: Vault, args: ParsedArgsOf<N>) => Promise<ResultOf<N>>;

// The .env and scan modules bring the detectors, whose rule table is built on load: loaded on first
// use, so `keystash get` (which goes through this dispatcher too) does not pay for them.
const envImport = () => import('../env/staged-env-import');
const stagedScan = () => import('../scan/staged-scan');

/** How a staged export path is remembered: the dialog may already have asked about replacing it. */
interface ExportTargetItem {
  path: string;
  overwriteConfirmed: boolean;
}

/**
 * Import .env…, Export… and Scan a folder…: the window's file workflows. Paths come from the host's
 * FileChooser (native dialogs in the app); values are read, held and written here, never sent to the
 * window, which gets previews, masked hints and staging ids. Export needs `renderValues` from the
 * CLI's export, so both write the same text and audit it the same way.
 */
export function transferHandlers(
  renderValues: (vault: Vault, args: ParsedArgsOf<'exportToFile'>) => Promise<{ content: string; count: number }>,
): { [N in TransferOperation]: Handler<N> } {
  return {
    hostFeatures: async (vault) => ({ typedPaths: vault.fileChooser.typedPaths }),

    stageEnvImport: async (vault, { file }) => {
      const { previewRows, stageEnvText } = await envImport();
      const chooser = vault.fileChooser;
      let staged: StagedEnvFile;
      if (file) {
        if (!chooser.typedPaths) throw windowFilesRefused();
        staged = stageEnvText(file.name || '.env', file.text);
      } else {
        if (chooser.typedPaths) throw new VaultError('INVALID_ARGUMENT', 'Choose a .env file to import.', { field: 'file' });
        const path = await chooser.chooseFileToOpen({ title: 'Import a .env file' });
        if (path === null) return { preview: null };
        staged = stageEnvText(path, await readEnvFile(path));
      }
      const stagingId = vault.staging.put('envImport', staged);
      return { preview: { stagingId, fileName: staged.fileName, rows: previewRows(staged, await vault.keys.all()) } };
    },

    commitEnvImport: async (vault, { stagingId, rows }) => {
      const staged = vault.staging.get<StagedEnvFile>('envImport', stagingId);
      if (!staged) throw expired('Open the .env file again.');
      const { entries, replace } = (await envImport()).entriesForChoices(staged, rows);
      const report = await importAndAudit(vault, entries, { onConflict: (entry) => (replace.has(entry) ? 'replace' : 'skip'), dryRun: false });
      vault.staging.drop(stagingId);
      return report;
    },

    chooseExportFile: async (vault, { format, path }) => {
      const chosen = await choosePath(vault, path, () => vault.fileChooser.chooseFileToSave({ title: 'Export keys', defaultName: DEFAULT_EXPORT_NAMES[format] }));
      if (chosen === null) return { target: null };
      const check = await checkExportFile(chosen.path);
      const targetId = vault.staging.put('exportTarget', chosen satisfies ExportTargetItem);
      return { target: { targetId, path: chosen.path, unignoredWorkTree: check.unignoredWorkTree, existsUnconfirmed: check.exists && !chosen.overwriteConfirmed } };
    },

    exportToFile: async (vault, args) => {
      const target = vault.staging.get<ExportTargetItem>('exportTarget', args.targetId);
      if (!target) throw expired('Choose the file again.');
      let count = 0;
      await writeExportFile(
        target.path,
        async () => {
          const rendered = await renderValues(vault, args);
          count = rendered.count;
          return rendered.content;
        },
        { tracked: args.allowTracked ?? false, overwrite: target.overwriteConfirmed || (args.overwrite ?? false) },
      );
      vault.staging.drop(args.targetId);
      return { path: target.path, count };
    },

    scanFolder: async (vault, { path }) => {
      const chosen = await choosePath(vault, path, () => vault.fileChooser.chooseFolder({ title: 'Scan a folder for hard-coded keys' }));
      if (chosen === null) return { scan: null };
      const { scanTree } = await import('../scan/scan-tree');
      const outcome = await scanTree(chosen.path);
      return { scan: (await stagedScan()).viewOfScan(vault.staging.put('scan', outcome), outcome) };
    },

    importScanFindings: async (vault, { stagingId, fingerprints, tags }) => {
      const outcome = vault.staging.get<ScanOutcome>('scan', stagingId);
      if (!outcome) throw expired('Scan the folder again.');
      const takenNames = (await vault.keys.all()).map((k) => k.name);
      const plan = (await stagedScan()).scanImportEntries(outcome, fingerprints, { takenNames, tags: tags ?? [] });
      const stored = await alreadyStored(vault.keys, plan.map(({ planned, entry }) => ({ provider: planned.provider, envVar: planned.envVar, secret: entry.secret })));
      const toImport = plan.filter((_, i) => stored[i] === null);
      const report = toImport.length > 0 ? await importAndAudit(vault, toImport.map((p) => p.entry), { onConflict: 'skip', dryRun: false }) : null;
      let next = 0;
      const keys = plan.map(({ planned }, i) => {
        const existing = stored[i];
        if (existing) {
          return { fingerprint: planned.fingerprint, name: existing.name, id: existing.id, reference: referenceFor(existing.name), status: 'existing' as const, reason: null };
        }
        const outcome = report!.outcomes[next++]!;
        const imported = outcome.status === 'created' || outcome.status === 'replaced';
        return { fingerprint: planned.fingerprint, name: outcome.name, id: outcome.id, reference: imported ? referenceFor(outcome.name) : null, status: outcome.status, reason: outcome.reason };
      });
      return { keys, created: report?.created ?? 0, existing: plan.length - toImport.length, skipped: report?.skipped ?? 0, failed: report?.failed ?? 0 };
    },
  };
}

/** A path typed in the window (browser host only), or the host's dialog's answer. */
async function choosePath(vault: Vault, typed: string | undefined, ask: () => Promise<string | null>): Promise<ExportTargetItem | null> {
  const chooser = vault.fileChooser;
  if (!chooser.typedPaths) {
    if (typed !== undefined) throw windowFilesRefused();
    const path = await ask();
    // A native save dialog has asked before picking an existing file.
    return path === null ? null : { path, overwriteConfirmed: true };
  }
  if (typed === undefined) throw new VaultError('INVALID_ARGUMENT', 'Type a path.', { field: 'path' });
  if (!isAbsolute(typed)) throw new VaultError('INVALID_ARGUMENT', 'Type a full path, starting with /.', { field: 'path' });
  return { path: resolve(typed), overwriteConfirmed: false };
}

async function readEnvFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new VaultError('INVALID_ARGUMENT', `Cannot read ${path}: ${why}.`);
  }
  if (text.length > ENV_FILE_MAX_CHARS) throw new VaultError('INVALID_ARGUMENT', `${path} is larger than 1 MiB; that is no .env file.`);
  return text;
}

const windowFilesRefused = () =>
  new VaultError('FORBIDDEN', 'Keystash takes files only from its own dialogs, never from the window.');

const expired = (what: string) => new VaultError('NOT_FOUND', `This preview has expired or the vault was locked since. ${what}`);
