import { InvalidReferenceError, parseReference, type ParsedReference } from './reference';

/** One reference found in a text, with where it stands (1-based line and column). */
export interface ReferenceOccurrence {
  /** Offsets in the text: [start, end) covers the whole `{{ ... }}` or the bare reference. */
  start: number;
  end: number;
  line: number;
  column: number;
  /** The reference as written, without braces, e.g. `keystash://Stripe%20live`. */
  written: string;
  /** The parsed reference, or null when it is malformed (then `problem` says why). */
  reference: ParsedReference | null;
  problem: string | null;
}

/**
 * `{{ keystash://NAME }}` (spaces inside the braces optional) or a bare `keystash://NAME` /
 * `keystash://id/UUID`. Inside braces everything up to the closing braces is the reference, so a
 * malformed one is reported rather than silently left in the output. A bare one is made of the
 * reference characters only, and a final "." is taken for punctuation, not part of the name.
 * `keystash://id/` is always the id form, so a bad id is reported instead of read as the name "id".
 */
const REFERENCE_PATTERN =
  /\{\{[ \t]*(keystash:\/\/[^\s{}]*)[ \t]*\}\}|keystash:\/\/(?:id\/[0-9A-Za-z-]*|(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+)/g;

export function findReferences(text: string): ReferenceOccurrence[] {
  const found: ReferenceOccurrence[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(REFERENCE_PATTERN)) {
    const start = match.index;
    let end = start + match[0].length;
    let written = match[1] ?? match[0];
    if (match[1] === undefined) {
      const trimmed = written.replace(/\.+$/, '');
      if (trimmed.length === 'keystash://'.length) continue; // `keystash://.` in prose is no reference
      end -= written.length - trimmed.length;
      written = trimmed;
    }
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    scanned = start;
    let reference: ParsedReference | null = null;
    let problem: string | null = null;
    try {
      reference = parseReference(written);
    } catch (error) {
      if (!(error instanceof InvalidReferenceError)) throw error;
      problem = error.message;
    }
    found.push({ start, end, line, column: start - lineStart + 1, written, reference, problem });
  }
  return found;
}

/** The text with each occurrence replaced by what `valueOf` gives for it. */
export function replaceReferences(
  text: string,
  occurrences: readonly ReferenceOccurrence[],
  valueOf: (occurrence: ReferenceOccurrence) => string,
): string {
  let out = '';
  let from = 0;
  for (const occurrence of occurrences) {
    out += text.slice(from, occurrence.start) + valueOf(occurrence);
    from = occurrence.end;
  }
  return out + text.slice(from);
}
