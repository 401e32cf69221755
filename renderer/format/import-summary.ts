import { plural } from './text';

/** "Imported 3 keys, 1 replaced, 2 already stored, 2 skipped": what an import did, for a toast. */
export function importSummary(totals: { created: number; replaced?: number; existing?: number; skipped: number; failed: number }): string {
  const parts = [`Imported ${plural(totals.created, 'key')}`];
  if (totals.replaced) parts.push(`${totals.replaced} replaced`);
  if (totals.existing) parts.push(`${totals.existing} already stored`);
  if (totals.skipped) parts.push(`${totals.skipped} skipped`);
  if (totals.failed) parts.push(`${totals.failed} failed`);
  return parts.join(', ');
}
