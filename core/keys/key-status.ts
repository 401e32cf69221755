import type { KeyRecord, KeyStatus } from './key-record';

const DAY_MS = 86_400_000;
export const EXPIRING_SOON_DAYS = 14;
export const UNUSED_DAYS = 90;

/** Dates are parsed only when a rule needs them: `list` works this out for every key (10,000 in a large vault). */
export function keyStatus(key: KeyRecord, now: number): KeyStatus {
  const rotationDue = key.rotateEveryDays !== null && Date.parse(key.rotatedAt ?? key.createdAt) + key.rotateEveryDays * DAY_MS <= now;
  const expires = key.expiresAt ? Date.parse(key.expiresAt) : NaN;
  const expired = Number.isFinite(expires) && expires <= now;
  const expiringSoon = Number.isFinite(expires) && expires <= now + EXPIRING_SOON_DAYS * DAY_MS;
  const lastTouched = Date.parse(key.lastUsedAt ?? key.createdAt);
  const unused = lastTouched + UNUSED_DAYS * DAY_MS <= now;
  return { rotationDue, expiringSoon, expired, unused };
}
