import type { KeySummary } from '../../core/api/results';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';
import { callUnlocked, type CodeOptions } from '../session';

export interface KeySelection {
  /** Keys that have any of these tags (each --tag adds keys; it does not narrow like `list --tag`). */
  tags: readonly string[];
  /** Keys by name. */
  names: readonly string[];
}

export const hasSelection = (selection: KeySelection) => selection.tags.length > 0 || selection.names.length > 0;

/**
 * The keys `run` and `export` act on: the --key names, then the keys of each --tag (by name), each
 * key once. Every name that matches no key and every tag that no key has is reported at once.
 */
export async function selectKeys(ctx: CliContext, options: CodeOptions, selection: KeySelection): Promise<KeySummary[]> {
  const byName = await callUnlocked(ctx, options, 'findKeys', { keys: selection.names.map((name) => ({ name })) });
  const problems = selection.names.filter((_, i) => byName.keys[i] === null).map((name) => `there is no key named "${printable(name)}"`);
  const selected = byName.keys.filter((k): k is KeySummary => k !== null);
  for (const tag of selection.tags) {
    const { keys } = await ctx.call('listKeys', { tags: [tag] });
    if (keys.length === 0) problems.push(`no key has the tag "${printable(tag)}"`);
    selected.push(...keys);
  }
  if (problems.length > 0) {
    throw new CliError(`${capitalise(problems.join('; '))}. List keys with \`keystash list\` and tags with \`keystash tags\`.`, EXIT.notFound);
  }
  return [...new Map(selected.map((k) => [k.id, k])).values()];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
