const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const DAY_MS = 86_400_000;

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(iso: string | null): string {
  const date = iso ? parse(iso) : null;
  return date ? dateFormat.format(date) : '—';
}

export function formatDateTime(iso: string | null): string {
  const date = iso ? parse(iso) : null;
  return date ? dateTimeFormat.format(date) : '—';
}

export function formatPreciseTime(iso: string): string {
  const date = parse(iso);
  return date ? preciseFormat.format(date) : iso;
}

/** "3 days ago", "in 2 weeks", "today". */
export function formatRelative(iso: string | null, now = Date.now()): string {
  const date = iso ? parse(iso) : null;
  if (!date) return '—';
  const diffMs = date.getTime() - now;
  const absMs = Math.abs(diffMs);
  if (absMs < 60_000) return 'just now';
  if (absMs < 3_600_000) return relativeFormat.format(Math.round(diffMs / 60_000), 'minute');
  if (absMs < DAY_MS) return relativeFormat.format(Math.round(diffMs / 3_600_000), 'hour');
  if (absMs < 30 * DAY_MS) return relativeFormat.format(Math.round(diffMs / DAY_MS), 'day');
  if (absMs < 365 * DAY_MS) return relativeFormat.format(Math.round(diffMs / (30 * DAY_MS)), 'month');
  return relativeFormat.format(Math.round(diffMs / (365 * DAY_MS)), 'year');
}

/** The date a key is next due for rotation, or null when it has no rotation period. */
export function nextRotationDate(rotatedAt: string | null, createdAt: string, everyDays: number | null): string | null {
  if (everyDays === null) return null;
  const from = parse(rotatedAt ?? createdAt);
  return from ? new Date(from.getTime() + everyDays * DAY_MS).toISOString() : null;
}

/** `<input type="date">` wants YYYY-MM-DD; the index may hold a full timestamp. */
export function toDateInputValue(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}
