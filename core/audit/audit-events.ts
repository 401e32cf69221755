/** Every event the audit log records. Values never appear in an entry, only ids and names. */
export const AUDIT_EVENTS = [
  'enrol',
  'unlock',
  'unlock_failed',
  'throttled',
  'recovery_used',
  'lock',
  'create',
  'update',
  'delete',
  'copy',
  'reveal',
  'get',
  'rotate',
  'tag_rename',
  'tag_delete',
  'settings',
  'import',
  'export',
  'run',
  'backup',
  'restore',
] as const;

export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  seq: number;
  ts: string;
  event: AuditEvent;
  keyId?: string;
  detail?: Record<string, string | number | boolean | null>;
  /** sha256 over the previous line's hash and this entry's other fields. */
  hash: string;
}
