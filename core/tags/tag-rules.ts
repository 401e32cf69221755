import { normaliseLabel } from '../keys/label-text';

/** Tags compare case-insensitively and in NFC; the spelling already in the vault wins over a new one. */
export const tagKey = (tag: string) => normaliseLabel(tag).trim().toLocaleLowerCase('en-US');

export function normaliseTags(tags: readonly string[], knownTags: Iterable<string> = []): string[] {
  const canonical = new Map<string, string>();
  for (const known of knownTags) canonical.set(tagKey(known), known);
  const result = new Map<string, string>();
  for (const raw of tags) {
    const trimmed = raw.trim();
    const k = tagKey(trimmed);
    if (!result.has(k)) result.set(k, canonical.get(k) ?? trimmed);
  }
  return [...result.values()];
}

export function hasAllTags(keyTags: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const own = new Set(keyTags.map(tagKey));
  return wanted.every((t) => own.has(tagKey(t)));
}
