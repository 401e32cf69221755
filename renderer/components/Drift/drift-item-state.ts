/** Where one listed difference stands in the review: untouched, being confirmed, repaired or left alone. */
export type DriftItemState =
  | { kind: 'open' }
  | { kind: 'confirming' }
  | { kind: 'busy' }
  | { kind: 'adopted'; id: string; name: string }
  | { kind: 'forgotten' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; message: string };

export const OPEN: DriftItemState = { kind: 'open' };
