/**
 * Rules for the text of key names and tags: labels a person reads in the window and types as CLI
 * arguments and in keystash:// references. Plain JavaScript only: the contract's schemas use it,
 * and those are bundled into the preload and the browser host's page.
 *
 * - Compared and stored in Unicode NFC, so "é" typed composed (macOS, most keyboards) and
 *   decomposed ("e" + U+0301: some input methods, text pasted from a PDF or a macOS file name) is
 *   one name, not two names that look the same.
 * - Characters nobody can see or type, or that reorder the text around them, are refused: control
 *   characters (a label is one line), lone surrogates, the soft hyphen, zero-width space, word
 *   joiner, BOM, line and paragraph separators, and the bidi embeddings, overrides and isolates
 *   (U+202A–U+202E, U+2066–U+2069; "Trojan Source" spoofing). Zero-width joiner and non-joiner stay
 *   allowed: emoji sequences and Persian and Indic spelling need them, as do LRM/RLM in mixed text.
 */
export const normaliseLabel = (text: string): string => text.normalize('NFC');

/**
 * What makes two key names the same name: trimmed, NFC, case ignored. The one rule for every place
 * that asks (creating, importing, restoring, the import preview, a scan's new names, drift repair),
 * so a preview never promises what the import then refuses. Names stored before NFC count too.
 */
export const nameKey = (name: string): string => normaliseLabel(name).trim().toLocaleLowerCase('en-US');

// eslint-disable-next-line no-control-regex
const UNREADABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b\u2028\u2029\u2060\ufeff\u202a-\u202e\u2066-\u2069]|\p{Surrogate}/u;

export const isReadableLabel = (text: string): boolean => !UNREADABLE.test(text);

export const unreadableLabelMessage = (what: string) =>
  `${what} cannot contain control characters, invisible characters (such as a zero-width space) or text-direction overrides.`;
