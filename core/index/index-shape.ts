import { LIMITS, type KeyRecord } from '../keys/key-record';
import type { IndexData } from './index-schema';

/**
 * A check of a current-schema index as read, without zod: zod over 10,000 records costs some 45 ms,
 * paid by every `keystash get`. It is enough because the file is authenticated (AES-GCM under the
 * vault's data key) and every write is checked by the full schema first: what it must still catch
 * is a file from a Keystash that wrote something else under the same schema number. So it checks
 * every field's type and the limits readers depend on. The schema stays the one definition; the
 * Record type below fails to compile when a field is added to KeyRecord and not here.
 */
type Kind = 'string' | 'string?' | 'strings' | 'days?';

const RECORD_FIELDS: Record<keyof KeyRecord, Kind> = {
  id: 'string',
  name: 'string',
  envVar: 'string?',
  provider: 'string?',
  tags: 'strings',
  notes: 'string',
  scopes: 'strings',
  url: 'string?',
  createdAt: 'string',
  updatedAt: 'string',
  lastUsedAt: 'string?',
  rotatedAt: 'string?',
  rotateEveryDays: 'days?',
  expiresAt: 'string?',
};
const FIELD_COUNT = Object.keys(RECORD_FIELDS).length;
const FIELDS = Object.entries(RECORD_FIELDS) as [keyof KeyRecord, Kind][];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStringArray = (value: unknown, max: number) =>
  Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string');

function fits(kind: Kind, value: unknown, field: keyof KeyRecord): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'string?':
      return value === null || typeof value === 'string';
    case 'strings':
      return isStringArray(value, field === 'tags' ? LIMITS.tagsPerKey : LIMITS.scopesPerKey);
    case 'days?':
      return value === null || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= LIMITS.rotateEveryDaysMax);
  }
}

function isKeyRecord(value: unknown): value is KeyRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  // Counted, not Object.keys(): no array for each of 10,000 records.
  let count = 0;
  for (const field in record) if (Object.hasOwn(record, field)) count++;
  if (count !== FIELD_COUNT) return false;
  for (const [field, kind] of FIELDS) if (!fits(kind, record[field], field)) return false;
  const name = record.name as string;
  return UUID.test(record.id as string) && name.length >= 1 && name.length <= LIMITS.nameMax;
}

/** Settings are two numbers: checked by the caller's own schema, which costs nothing at that size. */
export function hasIndexShape(data: Record<string, unknown>, settingsValid: (settings: unknown) => boolean): data is IndexData {
  const { keys, settings } = data;
  return Object.keys(data).length === 3 && Array.isArray(keys) && settingsValid(settings) && keys.every(isKeyRecord);
}
