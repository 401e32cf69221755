import type { Command } from 'commander';
import type { KeySummary } from '../../core/api/results';
import { collect, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { relativeTime } from '../format/time';
import { printable } from '../io/output';
import { renderTable } from '../io/table';
import { callUnlocked, type CodeOptions } from '../session';

interface ListOptions extends CodeOptions {
  tag?: string[];
  search?: string;
  json?: boolean;
}

export function registerList(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('list')
      .alias('ls')
      .description('list keys (names and details only, never values)')
      .option('--tag <tag>', 'only keys with this tag (repeat: keys must have all of them)', collect)
      .option('--search <query>', 'only keys matching this text in name, env var, provider, tags or notes')
      .option('--json', 'print machine-readable JSON'),
  ).action((options: ListOptions) => runList(ctx, options));
}

async function runList(ctx: CliContext, options: ListOptions): Promise<void> {
  const query = {
    ...(options.search !== undefined ? { query: options.search } : {}),
    ...(options.tag?.length ? { tags: options.tag } : {}),
  };
  if (options.json && !ctx.output.stdoutIsTerminal) {
    // To a pipe the output is the list's compact JSON, which is what the app's agent sends: 10,000
    // keys are about 3 MB, and parsing them only to write them again took most of the command.
    const json = await ctx.agentValueJson('listKeys', query);
    if (json) return ctx.output.compactJson(json);
  }
  const list = await callUnlocked(ctx, options, 'listKeys', query);
  if (options.json) {
    ctx.output.json(list);
    return;
  }
  if (list.keys.length === 0) {
    ctx.output.note(list.total === 0 ? 'No keys yet. Add one with `keystash add NAME`.' : `No keys match (${list.total} in the vault).`);
    return;
  }
  const now = Date.now();
  const rows = list.keys.map((k) => [
    printable(k.name),
    k.envVar ?? '-',
    k.provider ? printable(k.provider) : '-',
    k.tags.length > 0 ? printable(k.tags.join(', ')) : '-',
    relativeTime(k.lastUsedAt, now),
    badges(k).join(' '),
  ]);
  ctx.output.lines(renderTable(['NAME', 'ENV VAR', 'PROVIDER', 'TAGS', 'LAST USED', 'STATUS'], rows));
}

/** The same facts the app shows as badges, computed by core. */
export function badges(key: KeySummary): string[] {
  const out: string[] = [];
  if (key.status.expired) out.push('[expired]');
  else if (key.status.expiringSoon && key.expiresAt) out.push(`[expires ${key.expiresAt.slice(0, 10)}]`);
  if (key.status.rotationDue) out.push('[rotate]');
  if (key.status.unused) out.push('[unused]');
  return out;
}
