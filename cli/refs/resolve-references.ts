import type { KeySummary } from '../../core/api/results';
import type { ReferenceOccurrence } from '../../core/refs/find-references';
import { toKeyRef } from '../../core/refs/reference';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';
import { callUnlocked, type CodeOptions } from '../session';

/** References found in one place, and how to name that place in an error (`.env:3`, `$STRIPE_KEY`). */
export interface ReferenceSite {
  where: (occurrence: ReferenceOccurrence) => string;
  occurrences: readonly ReferenceOccurrence[];
}

/**
 * Resolves every reference of every site to its key, in one findKeys call. All the ones that cannot
 * be resolved are reported together, each with its place, the reference, and why.
 */
export async function resolveReferences(
  ctx: CliContext,
  options: CodeOptions,
  sites: readonly ReferenceSite[],
): Promise<Map<ReferenceOccurrence, KeySummary>> {
  const all = sites.flatMap((site) => site.occurrences.map((occurrence) => ({ site, occurrence })));
  const wellFormed = all.filter(({ occurrence }) => occurrence.reference !== null);
  const found = wellFormed.length
    ? (await callUnlocked(ctx, options, 'findKeys', { keys: wellFormed.map(({ occurrence }) => toKeyRef(occurrence.reference!)) })).keys
    : [];
  const resolved = new Map<ReferenceOccurrence, KeySummary>();
  wellFormed.forEach(({ occurrence }, i) => {
    if (found[i]) resolved.set(occurrence, found[i]);
  });
  const problems = all
    .filter(({ occurrence }) => !resolved.has(occurrence))
    .map(({ site, occurrence }) => `${site.where(occurrence)}: ${printable(occurrence.written)}: ${whyUnresolved(occurrence)}`);
  if (problems.length > 0) {
    const missing = all.some(({ occurrence }) => occurrence.reference !== null && !resolved.has(occurrence));
    const heading = problems.length === 1 ? 'A reference cannot be resolved' : `${problems.length} references cannot be resolved`;
    throw new CliError(`${heading}:\n  ${problems.join('\n  ')}`, missing ? EXIT.notFound : EXIT.usage);
  }
  return resolved;
}

function whyUnresolved(occurrence: ReferenceOccurrence): string {
  const reference = occurrence.reference;
  if (reference === null) return occurrence.problem ?? 'malformed';
  return reference.kind === 'id' ? 'there is no key with this id' : `there is no key named "${printable(reference.name)}"`;
}
