import type { Command } from 'commander';
import type { ScanFinding, ScanOutcome, ScanReport } from '../../core/scan/scan-tree';
import type { PlannedKey } from '../../core/scan/import-plan';
import { collect, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { fromApiError, usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';
import { ProgressBar } from '../io/progress-bar';
import { renderTable } from '../io/table';
import { ensureUnlocked, type CodeOptions } from '../session';

interface ScanOptions extends CodeOptions {
  json?: boolean;
  import?: boolean;
  tag?: string[];
}

const PRE_COMMIT_HOOK = `printf '#!/bin/sh\\nexec keystash scan .\\n' > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit`;

const SCAN_HELP = `
Output: one line per finding, \`file:line:col rule provider value\`, with the value masked to its
first 4 characters and its length. The folder's .gitignore files, .git/info/exclude and
.keystashignore (same syntax) are respected; node_modules, .git, lock files, binary files and files
over 1 MiB are skipped. Files are never changed.

Exit status: 0 nothing found, 1 keys found (so it can gate a commit), 2 bad usage.

As a pre-commit hook, from the top of a git work tree:
  ${PRE_COMMIT_HOOK}`;

export function registerScan(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('scan')
      .argument('[dir]', 'the folder to scan', '.')
      .description('find API keys hard-coded in a folder; with --import, move them into Keystash')
      .option('--json', 'print machine-readable JSON (values masked, as always)')
      .option('--import', 'store each distinct key found and print the keystash:// reference to put in its place')
      .option('--tag <tag>', 'with --import: a tag for every imported key (repeat for more)', collect)
      .addHelpText('after', SCAN_HELP),
  ).action((dir: string, options: ScanOptions) => runScan(ctx, dir, options));
}

interface ImportedKey {
  name: string;
  id: string;
  reference: string;
  envVar: string;
  provider: string | null;
  tags: string[];
  masked: string;
  locations: PlannedKey['locations'];
}

interface ImportResults {
  imported: ImportedKey[];
  /** Values a key already stored (an earlier --import): not stored again. */
  existing: ImportedKey[];
  failed: FailedImport[];
}

interface FailedImport {
  name: string;
  masked: string;
  error: string;
}

async function runScan(ctx: CliContext, dir: string, options: ScanOptions): Promise<void> {
  if (options.tag?.length && !options.import) throw usageError('--tag applies only with --import.');
  if (options.import) await checkTags(options.tag ?? []);

  const { scanTree } = await import('../../core/scan/scan-tree');
  const progress = new ProgressBar(ctx.io.stderr, 'Scanning');
  let outcome: ScanOutcome;
  try {
    outcome = await scanTree(dir, {
      onProgress: (p) => {
        if (p.phase === 'reading') progress.update(p.filesDone, p.filesTotal);
      },
    });
  } finally {
    progress.clear();
  }
  const { report } = outcome;
  if (report.findings.length > 0) ctx.exitCode = EXIT.failure;

  const importing = Boolean(options.import) && report.findings.length > 0;

  if (options.json) {
    const imports = importing ? await importFindings(ctx, outcome, options) : null;
    ctx.output.json({
      ...report,
      ...(options.import ? { imported: imports?.imported ?? [], existing: imports?.existing ?? [], failed: imports?.failed ?? [] } : {}),
    });
    return;
  }
  // Findings first: if the import then stops (locked, keychain gone), they have still been shown.
  ctx.output.lines(...report.findings.map(findingLine));
  printSummary(ctx, report, dir);
  if (importing) {
    printImports(ctx, await importFindings(ctx, outcome, options));
  } else if (report.findings.length > 0) {
    printNextSteps(ctx, dir);
  }
}

/** Tags are checked before the scan, so a typo does not surface halfway through an import. */
async function checkTags(tags: readonly string[]): Promise<void> {
  const { tagName } = await import('../../core/api/schemas');
  for (const tag of tags) {
    const parsed = tagName().safeParse(tag);
    if (!parsed.success) throw usageError(`--tag: ${parsed.error.issues[0]?.message ?? 'invalid tag'}`);
  }
}

function findingLine(f: ScanFinding): string {
  return `${printable(f.path)}:${f.line}:${f.column} ${f.ruleId} ${f.provider} ${f.masked}`;
}

function printSummary(ctx: CliContext, report: ScanReport, dir: string): void {
  const { stats, findings } = report;
  const seconds = (stats.durationMs / 1000).toFixed(1);
  const scanned = `${count(stats.filesScanned, 'file')} scanned in ${seconds} s`;
  if (findings.length === 0) {
    ctx.output.note(`No hard-coded keys found (${scanned}).`);
  } else {
    const files = new Set(findings.map((f) => f.path)).size;
    const distinct = new Set(findings.map((f) => f.fingerprint)).size;
    ctx.output.note(
      `Found ${count(findings.length, 'hard-coded key')} (${count(distinct, 'distinct value')}) in ${count(files, 'file')}; ${scanned}.`,
    );
  }
  const { skipped } = stats;
  const parts = [
    skipped.ignored && `${skipped.ignored} ignored`,
    skipped.skippedFolders && `${count(skipped.skippedFolders, 'node_modules/.git folder')}`,
    skipped.lockFiles && `${count(skipped.lockFiles, 'lock file')}`,
    skipped.binary && `${skipped.binary} binary`,
    skipped.tooLarge && `${skipped.tooLarge} over 1 MiB`,
    skipped.symlinks && `${count(skipped.symlinks, 'symbolic link')}`,
    skipped.unreadable && `${skipped.unreadable} unreadable`,
  ].filter(Boolean);
  if (parts.length > 0) ctx.output.note(`Skipped: ${parts.join(', ')}.`);
  if (report.ignoredEnvFiles.length > 0) {
    const first = report.ignoredEnvFiles[0] ?? '';
    ctx.output.note(
      `Not scanned, because ignore files hide them: ${report.ignoredEnvFiles.map(printable).join(', ')}. ` +
        `To move their keys into Keystash: keystash import ${shellWord(joinPath(dir, first))}`,
    );
  }
}

function printNextSteps(ctx: CliContext, dir: string): void {
  ctx.output.note(`Move them into Keystash (files are not changed): keystash scan ${shellWord(dir)} --import`);
  ctx.output.note(`Stop new ones being committed, with a pre-commit hook:\n  ${PRE_COMMIT_HOOK}`);
}

async function importFindings(
  ctx: CliContext,
  outcome: ScanOutcome,
  options: ScanOptions,
): Promise<ImportResults> {
  const [{ planImport }, { referenceFor }] = await Promise.all([
    import('../../core/scan/import-plan'),
    import('../../core/refs/reference'),
  ]);
  await ensureUnlocked(ctx, options);
  const existingKeys = await ctx.call('listKeys', {});
  const plan = planImport(outcome.report.findings, { takenNames: existingKeys.keys.map((k) => k.name), tags: options.tag ?? [] });
  // Every planned fingerprint came from this scan, so each has its value.
  const secretOf = (planned: PlannedKey) => outcome.secrets.get(planned.fingerprint)!;
  // A second scan of the same project finds the values the first one stored: point at those keys.
  const storedKeys = await ctx.call('findStoredValues', {
    values: plan.map((planned) => ({ provider: planned.provider, envVar: planned.envVar, secret: secretOf(planned) })),
  });

  const found = (planned: PlannedKey) => ({ envVar: planned.envVar, masked: planned.masked, locations: planned.locations });

  const imported: ImportedKey[] = [];
  const existing: ImportedKey[] = [];
  const failed: FailedImport[] = [];
  for (const [i, planned] of plan.entries()) {
    const stored = storedKeys.keys[i];
    if (stored) {
      const record = existingKeys.keys.find((k) => k.id === stored.id);
      existing.push({ ...found(planned), name: stored.name, id: stored.id, reference: referenceFor(stored.name), provider: record?.provider ?? null, tags: record?.tags ?? [] });
      continue;
    }
    const secret = secretOf(planned);
    const result = await ctx.attempt('createKey', {
      name: planned.name,
      secret,
      envVar: planned.envVar,
      provider: planned.provider,
      tags: planned.tags,
      notes: planned.notes,
    });
    if (result.ok) {
      const key = result.value;
      imported.push({ ...found(planned), name: key.name, id: key.id, reference: referenceFor(key.name), provider: key.provider, tags: key.tags });
    } else {
      // Locked or keychain gone: nothing after this would succeed either.
      if (['LOCKED', 'KEYCHAIN_UNAVAILABLE', 'KEYCHAIN_LOCKED'].includes(result.error.code)) throw fromApiError(result.error);
      failed.push({ name: planned.name, masked: planned.masked, error: fromApiError(result.error).message });
    }
  }
  return { imported, existing, failed };
}

function printImports(ctx: CliContext, { imported, existing, failed }: ImportResults): void {
  const where = (key: ImportedKey) => key.locations.map((l) => `${printable(l.path)}:${l.line}:${l.column}`).join(', ');
  const table = (keys: readonly ImportedKey[]) => renderTable(['KEY', 'REFERENCE', 'FOUND AT'], keys.map((k) => [printable(k.name), k.reference, where(k)]));
  if (imported.length > 0) {
    ctx.output.note(`\nImported ${count(imported.length, 'key')}. Put each reference where the value was (files were not changed):`);
    ctx.output.lines(table(imported));
  }
  if (existing.length > 0) {
    ctx.output.note(`\nAlready in Keystash, so not stored again: ${count(existing.length, 'value')}. Their references:`);
    ctx.output.lines(table(existing));
  }
  if (imported.length + existing.length > 0) {
    ctx.output.note('`keystash run --env-file .env -- CMD` and `keystash inject` resolve keystash:// references.');
  }
  for (const failure of failed) ctx.output.error(`could not import ${printable(failure.name)} (${failure.masked}): ${failure.error}`);
}

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

const joinPath = (dir: string, path: string) => (dir === '.' ? path : `${dir.replace(/\/+$/, '')}/${path}`);

/** A path as the user would type it back into a shell. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
