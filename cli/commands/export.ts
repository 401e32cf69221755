import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/env/export-options';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { collect, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { checkSecretsFile } from '../files/private-output';
import { printable } from '../io/output';
import { hasSelection, selectKeys } from '../selection/select-keys';
import type { CodeOptions } from '../session';

interface ExportOptions extends CodeOptions {
  tag?: string[];
  key?: string[];
  format: ExportFormat;
  out?: string;
  force?: boolean;
  allowTracked?: boolean;
  name?: string;
}

export function registerExport(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('export')
      .description('write keys with their values as a .env file, shell exports, JSON or a Kubernetes Secret')
      .option('--tag <tag>', 'export every key with this tag (repeat to add more tags)', collect)
      .option('--key <name>', 'export this key (repeat for more)', collect)
      .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
      .option('-o, --out <file>', 'write here (created 0600) instead of to stdout')
      .option('--force', 'overwrite the output file if it exists')
      .option('--allow-tracked', 'write inside a git work tree even where git does not ignore the file')
      .option('--name <name>', 'metadata.name of the Kubernetes Secret (format k8s; default "keystash")'),
  ).action((options: ExportOptions) => runExport(ctx, options));
}

async function runExport(ctx: CliContext, options: ExportOptions): Promise<void> {
  const selection = { tags: options.tag ?? [], names: options.key ?? [] };
  if (!hasSelection(selection)) throw usageError('Select what to export: --tag TAG or --key NAME.');
  if (options.name !== undefined && options.format !== 'k8s') throw usageError('--name is for --format k8s only.');
  if (options.out !== undefined) await checkSecretsFile(options.out, options);
  const keys = await selectKeys(ctx, options, selection);
  const { content, count } = await ctx.call('exportKeys', {
    keys: keys.map((k) => ({ id: k.id })),
    format: options.format,
    ...(options.name !== undefined ? { name: options.name } : {}),
  });
  if (options.out === undefined) {
    ctx.output.data(content);
    return;
  }
  await writeFileAtomic(options.out, content);
  ctx.output.note(`Exported ${count} key${count === 1 ? '' : 's'} to ${printable(options.out)} (readable only by you).`);
}
