import type { Command } from 'commander';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { findReferences, replaceReferences } from '../../core/refs/find-references';
import { withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { readTextFile } from '../env/env-file';
import { checkSecretsFile } from '../files/private-output';
import { printable } from '../io/output';
import { resolveReferences } from '../refs/resolve-references';
import type { CodeOptions } from '../session';

interface InjectOptions extends CodeOptions {
  in: string;
  out?: string;
  force?: boolean;
  allowTracked?: boolean;
}

export function registerInject(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('inject')
      .description('copy a text file with each {{ keystash://NAME }} or bare keystash://NAME replaced by the value')
      .requiredOption('-i, --in <template>', 'the file with references')
      .option('-o, --out <file>', 'write here (created 0600) instead of to stdout')
      .option('--force', 'overwrite the output file if it exists')
      .option('--allow-tracked', 'write the output inside a git work tree even where git does not ignore it'),
  ).action((options: InjectOptions) => inject(ctx, options));
}

async function inject(ctx: CliContext, options: InjectOptions): Promise<void> {
  const template = await readTextFile(options.in);
  // Refused before any value is read: nothing is decrypted for a file that would not be written.
  if (options.out !== undefined) await checkSecretsFile(options.out, options);
  const occurrences = findReferences(template);
  const resolved = await resolveReferences(ctx, options, [
    { where: (o) => `${printable(options.in)}:${o.line}:${o.column}`, occurrences },
  ]);
  const ids = [...new Set([...resolved.values()].map((k) => k.id))];
  const values = new Map<string, string>();
  if (ids.length > 0) {
    const { secrets } = await ctx.call('readSecrets', { keys: ids.map((id) => ({ id })), purpose: 'inject' });
    for (const { id, value } of secrets) values.set(id, value);
  }
  const output = replaceReferences(template, occurrences, (o) => values.get(resolved.get(o)!.id)!);
  if (options.out === undefined) {
    ctx.output.data(output);
    return;
  }
  await writeFileAtomic(options.out, output);
  const count = occurrences.length;
  ctx.output.note(`Wrote ${printable(options.out)} (${count} reference${count === 1 ? '' : 's'} resolved, readable only by you).`);
}
