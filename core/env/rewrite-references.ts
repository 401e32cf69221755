import { parse } from 'dotenv';
import type { ScannedDotenv } from './dotenv-scan';

/**
 * The rewritten text would not read back as intended: taking a value out moved a quote that
 * another line's value depended on (dotenv pairs quotes across lines). It names only variables the
 * file itself sets: a name dotenv would find only in the rewritten text comes out of some value,
 * which may be a secret, so those are counted, never named.
 */
export class RewriteChangesMeaning extends Error {
  constructor(
    readonly variables: readonly string[],
    readonly unknownVariables: number,
  ) {
    const changed = variables.length > 0 ? `read ${variables.join(', ')} differently` : 'read the file differently';
    const unknown = unknownVariables > 0 ? ` and find ${unknownVariables} variable${unknownVariables === 1 ? '' : 's'} the file does not set` : '';
    super(`with references in place, dotenv would ${changed}${unknown}`);
  }
}

/**
 * The .env text with the values of the given variables replaced by references, everything else
 * (comments, order, blank lines, line endings, other values) byte for byte as it was. A value keeps
 * its quotes. Every assignment of a variable is replaced, including ones dotenv overrides, so no
 * copy of a moved value stays behind.
 *
 * The result is read back with dotenv before it is returned: every replaced variable must read as
 * its reference and every other one as before, or RewriteChangesMeaning is thrown.
 */
export function rewriteWithReferences(
  original: string,
  scanned: ScannedDotenv,
  referenceOf: ReadonlyMap<string, string>,
): { text: string; replaced: number } {
  let text = '';
  let from = 0;
  let replaced = 0;
  for (const entry of scanned.entries) {
    const reference = referenceOf.get(entry.key);
    if (reference === undefined) continue;
    const quote = entry.quote ?? '';
    text += original.slice(from, entry.valueStart) + quote + reference + quote;
    from = entry.valueEnd;
    replaced += 1;
  }
  text += original.slice(from);
  assertReadsAsIntended(text, scanned, referenceOf);
  return { text, replaced };
}

function assertReadsAsIntended(text: string, scanned: ScannedDotenv, referenceOf: ReadonlyMap<string, string>): void {
  const reread = new Map(Object.entries(parse(text)));
  const changed = [...scanned.values.keys()].filter((variable) => reread.get(variable) !== (referenceOf.get(variable) ?? scanned.values.get(variable)!.value));
  const unknown = [...reread.keys()].filter((variable) => !scanned.values.has(variable)).length;
  if (changed.length > 0 || unknown > 0) throw new RewriteChangesMeaning(changed, unknown);
}
