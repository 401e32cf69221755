import type { AuditEntry, AuditEvent } from '../../api/types';

/**
 * What each audit event is called on screen. A Record over the contract's event type, so adding an
 * event to core without naming it here fails the type check instead of showing a raw identifier.
 */
export const AUDIT_EVENT_LABELS: Record<AuditEvent, string> = {
  enrol: 'Authenticator set up',
  unlock: 'Unlocked',
  unlock_failed: 'Unlock failed',
  throttled: 'Unlock throttled',
  recovery_used: 'Recovery code used',
  lock: 'Locked',
  create: 'Added',
  update: 'Edited',
  delete: 'Deleted',
  copy: 'Copied',
  reveal: 'Revealed',
  get: 'Read by CLI',
  rotate: 'Rotated',
  tag_rename: 'Tag renamed',
  tag_delete: 'Tag deleted',
  settings: 'Settings changed',
  import: 'Imported',
  export: 'Exported',
  run: 'Passed to a program',
  backup: 'Backed up',
  restore: 'Restored from a backup',
};

export const AUDIT_EVENTS_IN_ORDER = Object.keys(AUDIT_EVENT_LABELS) as AuditEvent[];

export type AuditTone = 'alert' | 'warning' | 'normal';

/** Failed unlocks and throttling are what an owner must not miss; secret access is worth a glance. */
export function toneOf(event: AuditEvent): AuditTone {
  if (event === 'unlock_failed' || event === 'throttled' || event === 'recovery_used') return 'alert';
  if (event === 'reveal' || event === 'delete' || event === 'export') return 'warning';
  return 'normal';
}

/** The entry's detail as short "key: value" pairs, skipping the key name shown elsewhere. */
export function detailText(entry: AuditEntry): string {
  if (!entry.detail) return '';
  return Object.entries(entry.detail)
    .filter(([name, value]) => name !== 'name' && value !== null && value !== '')
    .map(([name, value]) => `${name}: ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)}`)
    .join(' · ');
}

export function keyNameOf(entry: AuditEntry, keysById: ReadonlyMap<string, { name: string }>): string | null {
  const current = entry.keyId ? keysById.get(entry.keyId) : undefined;
  if (current) return current.name;
  const recorded = entry.detail?.name;
  if (typeof recorded === 'string') return recorded;
  return entry.keyId ? `Deleted key ${entry.keyId.slice(0, 8)}` : null;
}
