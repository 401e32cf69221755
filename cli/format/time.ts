const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "never", "just now", "5 min ago", "3 h ago", "12 days ago", then the date. */
export function relativeTime(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 'unknown';
  const ago = now - at;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 60 * DAY) return `${Math.floor(ago / DAY)} days ago`;
  return iso.slice(0, 10);
}

/** Local wall-clock time, e.g. "14:05". */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "45 s", "5 min", "1 min 30 s". */
export function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const min = Math.floor(whole / 60);
  const sec = whole % 60;
  if (min === 0) return `${sec} s`;
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
}
