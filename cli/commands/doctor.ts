import type { Command } from 'commander';
import type { DriftRepair, DriftReport } from '../../core/api/results';
import { resolveKeychainService } from '../../core/paths';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';
import { renderTable } from '../io/table';
import { callUnlocked, type CodeOptions } from '../session';

interface DoctorOptions extends CodeOptions {
  json?: boolean;
  adoptOrphans?: boolean;
  forgetMissing?: boolean;
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('doctor')
      .description('check that every key has its value in the keychain and every value a key; repair only when asked')
      .option('--adopt-orphans', 'give each value without a key an entry named "Recovered key …" (nothing is deleted)')
      .option('--forget-missing', 'remove the keys whose value is gone from the keychain (the value is already lost)')
      .option('--json', 'print machine-readable JSON')
      .addHelpText(
        'after',
        '\nExit status: 0 when the index and the keychain agree (or every difference was repaired), 1 when a difference remains.\nListing the keychain takes about a second per 500 entries.',
      ),
  ).action((options: DoctorOptions) => runDoctor(ctx, options));
}

async function runDoctor(ctx: CliContext, options: DoctorOptions): Promise<void> {
  const report = await callUnlocked(ctx, options, 'checkDrift', { refresh: true });
  const adopted =
    options.adoptOrphans && report.orphanedValues.length > 0
      ? await ctx.call('repairDrift', { action: 'adoptOrphans', accounts: report.orphanedValues.map((o) => o.account) })
      : null;
  const forgotten =
    options.forgetMissing && report.missingValues.length > 0
      ? await ctx.call('repairDrift', { action: 'forgetMissing', ids: report.missingValues.map((m) => m.id) })
      : null;
  const remaining = {
    missingValues: report.missingValues.filter((m) => !repairedIds(forgotten).has(m.id)),
    orphanedValues: report.orphanedValues.filter((o) => !repairedIds(adopted).has(o.account.slice('key:'.length))),
  };
  const clean = remaining.missingValues.length === 0 && remaining.orphanedValues.length === 0;
  if (!clean) ctx.exitCode = EXIT.failure;

  if (options.json) {
    ctx.output.json({ ...report, adopted, forgotten, remaining, clean });
    return;
  }
  printReport(ctx, report, resolveKeychainService(ctx.env));
  if (adopted) printRepair(ctx, adopted, 'Adopted', 'as');
  if (forgotten) printRepair(ctx, forgotten, 'Forgot', 'the key');
  if (remaining.missingValues.length > 0 && !options.forgetMissing) {
    ctx.output.note(
      'Keys without a value cannot be used: rotate one to store a new value, or run `keystash doctor --forget-missing` to remove these entries (their values are already gone).',
    );
  }
  if (remaining.orphanedValues.length > 0 && !options.adoptOrphans) {
    ctx.output.note(
      'Run `keystash doctor --adopt-orphans` to list each value without a key as "Recovered key …" (tagged recovered), then reveal, rename or delete it. Nothing is deleted.',
    );
  }
}

function printReport(ctx: CliContext, report: DriftReport, service: string): void {
  const { missingValues, orphanedValues } = report;
  if (missingValues.length === 0 && orphanedValues.length === 0) {
    ctx.output.lines(`No drift: every key has its value in the keychain (service "${printable(service)}"), and every value there has a key.`);
    return;
  }
  if (missingValues.length > 0) {
    ctx.output.lines(
      `${count(missingValues.length, 'key has', 'keys have')} no value in the keychain (service "${printable(service)}"):`,
      indent(renderTable(['NAME', 'ID'], missingValues.map((m) => [printable(m.name), m.id]))),
    );
  }
  if (orphanedValues.length > 0) {
    if (missingValues.length > 0) ctx.output.lines('');
    ctx.output.lines(
      `${count(orphanedValues.length, 'value', 'values')} in the keychain (service "${printable(service)}") ${orphanedValues.length === 1 ? 'has' : 'have'} no key:`,
      ...orphanedValues.map((o) => `  ${o.account}`),
    );
  }
}

function printRepair(ctx: CliContext, repair: DriftRepair, verb: string, link: string): void {
  ctx.output.lines('');
  for (const key of repair.repaired) ctx.output.lines(`${verb} ${link} "${printable(key.name)}" (${key.id}).`);
  for (const skip of repair.skipped) ctx.output.lines(`Left ${printable(skip.target)} alone: ${printable(skip.reason)}.`);
}

function repairedIds(repair: DriftRepair | null): Set<string> {
  return new Set(repair?.repaired.map((k) => k.id) ?? []);
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
