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
 * The keys `run` and `export` act on: the --key names, then the keys of each --tag, each key once.
 * Every name that matches no key and every tag that no key has is reported at once. `order` is how
 * each tag's keys are listed: by name for what people read (export), by creation where the order
 * does not matter (run): ordering by name starts ICU's collator, 6-14 ms of a command's start.
 */
export async function selectKeys(
  ctx: CliContext,
  options: CodeOptions,
  selection: KeySelection,
  order: 'name' | 'created' = 'name',
): Promise<KeySummary[]> {
  const byName = selection.names.length > 0 ? (await callUnlocked(ctx, options, 'findKeys', { keys: selection.names.map((name) => ({ name })) })).keys : [];
  const problems = selection.names.filter((_, i) => byName[i] === null).map((name) => `there is no key named "${printable(name)}"`);
  const selected = byName.filter((k): k is KeySummary => k !== null);
  for (const tag of selection.tags) {
    const { keys } = await callUnlocked(ctx, options, 'listKeys', { tags: [tag], sort: order });
    if (keys.length === 0) problems.push(`no key has the tag "${printable(tag)}"`);
    selected.push(...keys);
  }
  if (problems.length > 0) {
    throw new CliError(`${capitalise(problems.join('; '))}. List keys with \`keystash list\` and tags with \`keystash tags\`.`, EXIT.notFound);
  }
  return [...new Map(selected.map((k) => [k.id, k])).values()];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
