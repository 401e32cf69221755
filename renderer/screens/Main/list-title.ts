import type { KeyFilter } from '../../api/types';

const FILTER_TITLES: Record<KeyFilter, string> = {
  rotationDue: 'Rotation due',
  expiringSoon: 'Expiring soon',
  unused: 'Unused 90+ days',
};

/** The list's heading says what is being shown: "All keys", "Tagged prod + stripe", "Results for “str”". */
export function listTitle(query: string, tags: string[], filter: KeyFilter | null): string {
  if (query.trim()) return `Results for “${query.trim()}”`;
  const parts: string[] = [];
  if (filter) parts.push(FILTER_TITLES[filter]);
  if (tags.length > 0) parts.push(`Tagged ${tags.join(' + ')}`);
  return parts.length > 0 ? parts.join(' · ') : 'All keys';
}
