import { chmod, realpath, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { ImportOutcome, ImportReport } from '../../core/api/results';
import { planDotenvImport, type ImportRow } from '../../core/env/import-plan';
import { watchImportProgress } from '../../core/env/import-progress';
import { RewriteChangesMeaning, rewriteWithReferences } from '../../core/env/rewrite-references';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { referenceFor } from '../../core/refs/reference';
import { collect, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { loadEnvFile, type LoadedEnvFile } from '../env/env-file';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { checkSecretsFile } from '../files/private-output';
import { printable } from '../io/output';
import { ProgressBar } from '../io/progress-bar';
import { renderTable } from '../io/table';
import { callUnlocked, type CodeOptions } from '../session';

interface ImportOptions extends CodeOptions {
  tag?: string[];
  skip?: string[];
  dryRun?: boolean;
  onConflict: 'skip' | 'replace';
  rewrite?: boolean;
  force?: boolean;
  allowTracked?: boolean;
  json?: boolean;
}

/** From this many entries on, a terminal gets a progress bar. */
const PROGRESS_FROM = 50;
export const BACKUP_SUFFIX = '.keystash-backup';

const IMPORT_HELP = `
Each variable becomes a key of the same name, exported under that variable; the provider and a tag
are suggested from the value's shape. Empty values, values that already are keystash:// references and
--skip variables (settings such as PORT) are skipped. With --rewrite, the file then holds references instead of values (run it with
\`keystash run --env-file FILE -- CMD\`), and the original is kept as FILE${BACKUP_SUFFIX} (0600):
delete it once the program runs.`;

export function registerImport(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('import')
      .argument('<file>', 'a .env file')
      .description('move the values of a .env file into the vault')
      .option('--tag <tag>', 'add this tag to every imported key (repeat for more)', collect)
      .option('--skip <variable>', 'leave this variable in the file as it is, e.g. PORT (repeat for more)', collect)
      .addOption(
        new Option('--on-conflict <action>', 'when a key with the name exists: skip it, or replace its value (a rotation)')
          .choices(['skip', 'replace'])
          .default('skip'),
      )
      .option('--dry-run', 'show what would happen and change nothing')
      .option('--rewrite', 'then replace the imported values in the file with keystash:// references, keeping a backup')
      .option('--force', 'with --rewrite: overwrite an existing backup')
      .option('--allow-tracked', 'with --rewrite: write the backup even where git does not ignore it')
      .option('--json', 'print the outcome of every entry as JSON'),
  )
    .addHelpText('after', IMPORT_HELP)
    .action((file: string, options: ImportOptions) => runImport(ctx, file, options));
}

async function runImport(ctx: CliContext, path: string, options: ImportOptions): Promise<void> {
  const file = await loadEnvFile(path);
  const rows = planDotenvImport(file.scanned, { tags: options.tag ?? [], skip: options.skip ?? [] });
  const backup = `${path}${BACKUP_SUFFIX}`;
  const rewrite = Boolean(options.rewrite);
  // The backup holds every value in plain text: refuse where it could be committed, before importing.
  if (rewrite && !options.dryRun) await checkSecretsFile(backup, options, backup);

  const entries = rows.flatMap((row) => (row.entry ? [row.entry] : []));
  // A rewrite that dotenv would read differently is refused before anything is imported.
  if (rewrite) {
    const planned = new Map(rows.flatMap((row) => (row.entry ? [[row.variable, referenceFor(row.entry.name)] as const] : [])));
    try {
      rewriteWithReferences(file.text, file.scanned, planned);
    } catch (error) {
      if (error instanceof RewriteChangesMeaning) throw new CliError(rewriteRefusal(path, error, 'Nothing was imported'), EXIT.failure);
      throw error;
    }
  }
  const report = entries.length > 0 ? await importWithProgress(ctx, options, entries) : null;
  const outcomes = new Map<ImportRow, ImportOutcome>();
  let next = 0;
  for (const row of rows) if (row.entry && report) outcomes.set(row, report.outcomes[next++]!);

  const moved = new Map<string, string>();
  for (const [row, outcome] of outcomes) {
    if (outcome.status === 'created' || outcome.status === 'replaced') moved.set(row.variable, referenceFor(outcome.name));
  }
  // Only the moved values are replaced; that smaller rewrite is checked again, and if it is refused
  // the report still says what was imported.
  let rewritten = 0;
  let rewriteRefused: string | null = null;
  if (rewrite && moved.size > 0) {
    try {
      rewritten = await rewriteFile(file, moved, backup, Boolean(options.dryRun));
    } catch (error) {
      if (!(error instanceof RewriteChangesMeaning)) throw error;
      rewriteRefused = rewriteRefusal(path, error, 'The keys were imported; the file was left as it is');
    }
  }

  const totals = countRows(rows, outcomes);
  if (options.json) {
    ctx.output.json({
      file: path,
      dryRun: Boolean(options.dryRun),
      ...totals,
      rewritten,
      entries: rows.map((row) => describeRow(row, outcomes.get(row))),
    });
  } else {
    printReport(ctx, path, rows, outcomes, totals, options);
    if (rewrite && !rewriteRefused) printRewrite(ctx, path, backup, rewritten, Boolean(options.dryRun));
  }
  if (rewriteRefused) ctx.output.error(rewriteRefused);
  if (totals.failed > 0 || rewriteRefused) ctx.exitCode = EXIT.failure;
}

async function importWithProgress(ctx: CliContext, options: ImportOptions, entries: NonNullable<ImportRow['entry']>[]): Promise<ImportReport> {
  const args = { entries, onConflict: options.onConflict, dryRun: Boolean(options.dryRun) };
  const showBar = !options.dryRun && entries.length >= PROGRESS_FROM && ProgressBar.shown(ctx.io.stderr);
  if (!showBar) return callUnlocked(ctx, options, 'importKeys', args);
  const bar = new ProgressBar(ctx.io.stderr, 'Importing');
  const stop = watchImportProgress(await ctx.vault(), (done, total) => bar.update(done, total));
  try {
    return await callUnlocked(ctx, options, 'importKeys', args);
  } finally {
    stop();
    bar.clear();
  }
}

/**
 * The backup first (0600), then the file itself, atomically and with the mode it had. A symlinked
 * .env is rewritten where it really lives, so the link stays a link.
 */
async function rewriteFile(file: LoadedEnvFile, moved: ReadonlyMap<string, string>, backup: string, dryRun: boolean): Promise<number> {
  const { text, replaced } = rewriteWithReferences(file.text, file.scanned, moved);
  if (dryRun) return replaced;
  const target = await realpath(file.path);
  const { mode } = await stat(target);
  await writeFileAtomic(backup, file.text);
  await writeFileAtomic(target, text);
  await chmod(target, mode & 0o7777);
  return replaced;
}

/** Why a rewrite was refused: variables the file sets, never a value. */
function rewriteRefusal(path: string, error: RewriteChangesMeaning, consequence: string): string {
  return `Cannot rewrite ${printable(path)} safely: ${error.message}, because a quote in one value pairs with a quote on another line. ${consequence}. Close the open quote, or import without --rewrite.`;
}

type Totals = Record<'created' | 'replaced' | 'skipped' | 'failed', number>;

function statusOf(row: ImportRow, outcome: ImportOutcome | undefined): { status: keyof Totals; reason: string | null } {
  if (outcome) return { status: outcome.status, reason: outcome.reason };
  return { status: row.status === 'failed' ? 'failed' : 'skipped', reason: row.reason };
}

function countRows(rows: readonly ImportRow[], outcomes: ReadonlyMap<ImportRow, ImportOutcome>): Totals {
  const totals: Totals = { created: 0, replaced: 0, skipped: 0, failed: 0 };
  for (const row of rows) totals[statusOf(row, outcomes.get(row)).status] += 1;
  return totals;
}

function describeRow(row: ImportRow, outcome: ImportOutcome | undefined) {
  return {
    variable: row.variable,
    line: row.line,
    overriddenLines: row.overriddenLines,
    ...statusOf(row, outcome),
    id: outcome?.id ?? null,
    provider: row.entry?.provider ?? null,
    tags: row.entry?.tags ?? [],
  };
}

function printReport(
  ctx: CliContext,
  path: string,
  rows: readonly ImportRow[],
  outcomes: ReadonlyMap<ImportRow, ImportOutcome>,
  totals: Totals,
  options: ImportOptions,
): void {
  const dryRun = Boolean(options.dryRun);
  if (dryRun) {
    const verb: Record<keyof Totals, string> = { created: 'create', replaced: 'replace', skipped: 'skip', failed: 'fail' };
    const table = rows.map((row) => {
      const { status, reason } = statusOf(row, outcomes.get(row));
      return [row.variable, String(row.line), verb[status], row.entry?.provider ?? '-', (row.entry?.tags ?? []).join(', ') || '-', reason ?? ''];
    });
    ctx.output.lines(renderTable(['VARIABLE', 'LINE', 'ACTION', 'PROVIDER', 'TAGS', 'NOTE'], table.map((r) => r.map(printable))));
  } else {
    for (const row of rows) {
      const { status, reason } = statusOf(row, outcomes.get(row));
      if (status === 'skipped' || status === 'failed') ctx.output.note(`  ${printable(row.variable)} (line ${row.line}): ${status}, ${printable(reason ?? '')}`);
    }
  }
  for (const row of rows) {
    if (row.overriddenLines.length > 0) {
      ctx.output.note(`  ${printable(row.variable)} is set more than once; like dotenv, the last one (line ${row.line}) counts.`);
    }
  }
  const summary = `${totals.created} created, ${totals.replaced} replaced, ${totals.skipped} skipped, ${totals.failed} failed`;
  ctx.output.note(dryRun ? `Dry run of ${printable(path)}: would be ${summary}. Nothing was changed.` : `Imported ${printable(path)}: ${summary}.`);
}

function printRewrite(ctx: CliContext, path: string, backup: string, rewritten: number, dryRun: boolean): void {
  if (rewritten === 0) ctx.output.note(`${printable(path)} was left as it is: no value was moved into the vault.`);
  else if (dryRun) ctx.output.note(`--rewrite would replace ${rewritten} value${rewritten === 1 ? '' : 's'} in ${printable(path)} with references and keep the original as ${printable(backup)}.`);
  else {
    ctx.output.note(
      `Rewrote ${printable(path)}: ${rewritten} value${rewritten === 1 ? '' : 's'} replaced by keystash:// references. The original is in ${printable(backup)} (0600); delete it once \`keystash run --env-file ${printable(path)} -- ...\` works.`,
    );
  }
}
