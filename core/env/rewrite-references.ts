import type { ScannedDotenv } from './dotenv-scan';

/**
 * The .env text with the values of the given variables replaced by references, everything else
 * (comments, order, blank lines, line endings, other values) byte for byte as it was. A value keeps
 * its quotes. Every assignment of a variable is replaced, including ones dotenv overrides, so no
 * copy of a moved value stays behind.
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
  return { text: text + original.slice(from), replaced };
}
