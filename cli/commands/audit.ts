import type { Command } from 'commander';
import type { AuditEntry, AuditVerification } from '../../core/api/results';
import { wholeNumber, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';
import { renderTable } from '../io/table';
import { callUnlocked, type CodeOptions } from '../session';

interface AuditOptions extends CodeOptions {
  json?: boolean;
  verify?: boolean;
  key?: string;
  event?: string;
  limit?: number;
}

export function registerAudit(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('audit')
      .description('show the audit log (newest last), or check its hash chain with --verify')
      .option('--verify', 'check that no entry was changed or removed')
      .option('--key <name>', 'only entries about this key')
      .option('--event <event>', 'only this event, e.g. unlock_failed, copy, get')
      .option('--limit <n>', 'only the last N entries (default 500)', wholeNumber('--limit'))
      .option('--json', 'print machine-readable JSON'),
  ).action((options: AuditOptions) => (options.verify ? verify(ctx, options) : show(ctx, options)));
}

async function verify(ctx: CliContext, options: AuditOptions): Promise<void> {
  const result = await callUnlocked(ctx, options, 'verifyAudit', {});
  if (options.json) ctx.output.json(result);
  else if (result.ok) ctx.output.lines(`Audit log intact: ${result.entries} entries, hash chain verified.`);
  if (!result.ok) {
    ctx.output.error(brokenMessage(result));
    ctx.exitCode = EXIT.failure;
  }
}

function brokenMessage(result: AuditVerification): string {
  return `The audit log is broken at entry ${result.firstBrokenSeq ?? '?'}: ${result.reason ?? 'unknown reason'}. Entries from there on cannot be trusted.`;
}

async function show(ctx: CliContext, options: AuditOptions): Promise<void> {
  const keyId = options.key === undefined ? undefined : (await callUnlocked(ctx, options, 'getKey', { key: { name: options.key } })).id;
  const query = {
    ...(keyId ? { keyId } : {}),
    ...(options.event !== undefined ? { event: options.event as AuditEntry['event'] } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  };
  const { entries } = await callUnlocked(ctx, options, 'listAudit', query);
  if (options.json) {
    ctx.output.json({ entries });
    return;
  }
  if (entries.length === 0) {
    ctx.output.note('No audit entries match.');
    return;
  }
  const { keys } = await ctx.call('listKeys', {});
  const names = new Map(keys.map((k) => [k.id, k.name]));
  const rows = entries.map((e) => [
    String(e.seq),
    localTimestamp(e.ts),
    e.event,
    e.keyId ? printable(names.get(e.keyId) ?? `(deleted ${e.keyId.slice(0, 8)})`) : '',
    printable(describeDetail(e.detail)),
  ]);
  ctx.output.lines(renderTable(['SEQ', 'TIME', 'EVENT', 'KEY', 'DETAIL'], rows));
}

function describeDetail(detail: AuditEntry['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

function localTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
