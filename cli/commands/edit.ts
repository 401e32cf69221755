import type { Command } from 'commander';
import type { ArgsOf } from '../../core/api/operations';
import { collect, wholeNumber, withCodeOption } from '../command-kit';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { printable } from '../io/output';
import { callUnlocked, type CodeOptions } from '../session';
import { applyTagEdits, parseTagEdit } from '../tag-edits';

interface EditOptions extends CodeOptions {
  name?: string;
  envVar?: string;
  notes?: string;
  provider?: string;
  tag?: string[];
  url?: string;
  rotateEvery?: number;
  expires?: string;
}

type KeyPatch = Omit<ArgsOf<'updateKey'>, 'key'>;

export function registerEdit(program: Command, ctx: CliContext): void {
  withCodeOption(
    program
      .command('edit')
      .argument('<name>', 'the key')
      .description("change a key's details and tags (not its value: see `keystash rotate`)")
      .option('--name <new-name>', 'rename the key')
      .option('--env-var <VAR>', "environment variable ('' removes it)")
      .option('--notes <text>', 'replace the notes')
      .option('--provider <name>', "who issued the key ('' removes it)")
      .option('--tag <+tag|-tag>', '+TAG adds a tag, -TAG removes one (repeatable)', collect)
      .option('--url <url>', "the provider's console URL ('' removes it)")
      .option('--rotate-every <days>', 'remind to rotate after this many days (0 removes it)', wholeNumber('--rotate-every'))
      .option('--expires <date>', "expiry date, e.g. 2026-03-31 ('never' removes it)"),
  ).action((name: string, options: EditOptions) => runEdit(ctx, name, options));
}

async function runEdit(ctx: CliContext, name: string, options: EditOptions): Promise<void> {
  const patch = fieldPatch(options);
  const tagEdits = (options.tag ?? []).map(parseTagEdit);
  if (Object.keys(patch).length === 0 && tagEdits.length === 0) {
    throw usageError('Nothing to change. Pass at least one of --name, --env-var, --notes, --provider, --tag, --url, --rotate-every, --expires.');
  }
  // Tags are edited relative to the current list, so it is read first (and the key resolved to its id).
  const current = await callUnlocked(ctx, options, 'getKey', { key: { name } });
  if (tagEdits.length > 0) patch.tags = applyTagEdits(current.tags, tagEdits);
  const updated = await ctx.call('updateKey', { key: { id: current.id }, ...patch });
  ctx.output.note(`Updated ${printable(updated.name)}.`);
}

/** Only the flags given; '' (or 0 / 'never') clears a field that may be empty. */
export function fieldPatch(options: EditOptions): KeyPatch {
  const patch: KeyPatch = {};
  if (options.name !== undefined) patch.name = options.name;
  if (options.envVar !== undefined) patch.envVar = options.envVar || null;
  if (options.notes !== undefined) patch.notes = options.notes;
  if (options.provider !== undefined) patch.provider = options.provider || null;
  if (options.url !== undefined) patch.url = options.url || null;
  if (options.rotateEvery !== undefined) patch.rotateEveryDays = options.rotateEvery || null;
  if (options.expires !== undefined) {
    patch.expiresAt = options.expires === '' || options.expires.toLowerCase() === 'never' ? null : options.expires;
  }
  return patch;
}
