import type { ErrorCode } from '../errors';
import type { KeySummary } from '../keys/key-record';
import type { AuditEntry } from '../audit/audit-events';
import type { ImportOutcome } from '../keys/key-service';

/** What every operation returns across a process boundary. It never throws across it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Present with THROTTLED: seconds until another attempt is allowed. */
  retryAfterSeconds?: number;
  /** Present with INVALID_ARGUMENT: the first offending field, e.g. "envVar" or "tags.2". */
  field?: string;
}

export interface AuthStatus {
  enrolled: boolean;
  /** An enrolment was begun (secret shown) but not confirmed with a code yet. */
  enrolmentPending: boolean;
  unlocked: boolean;
  /** Epoch ms when the shared session ends unless used; null when locked. */
  sessionExpiresAt: number | null;
  /** Epoch ms before which no unlock attempt is accepted; null when not throttled. */
  throttledUntil: number | null;
  /** After 100 consecutive failures only a recovery code unlocks. */
  recoveryCodeRequired: boolean;
  /** A recovery code was used: the user should enrol a new authenticator. */
  reenrolmentRequired: boolean;
  recoveryCodesLeft: number;
}

export interface Enrolment {
  otpauthUri: string;
  /** Base32, for manual entry in an authenticator app. */
  secret: string;
}

export interface Settings {
  autoLockMinutes: number;
  /** 0 means never. */
  clipboardClearSeconds: number;
}

export interface KeyList {
  keys: KeySummary[];
  /** Keys in the vault, before filtering. */
  total: number;
  /** How many keys in the whole vault each smart filter would show. */
  counts: SmartFilterCounts;
}

export interface SmartFilterCounts {
  rotationDue: number;
  expiringSoon: number;
  unused: number;
}

/** The same selection as KeyList, as ids in display order: cheap to send on every keystroke. */
export interface KeyIdList {
  ids: string[];
  total: number;
}

export interface TagCount {
  name: string;
  count: number;
}

export interface CopyReceipt {
  /** Epoch ms when the clipboard will be cleared; null when it is never cleared. */
  clearsAt: number | null;
  clearAfterSeconds: number;
}

export interface Revealed {
  value: string;
  hideAfterSeconds: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The seq of the first line whose link is broken, or null when the chain holds. */
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** findKeys: one answer per reference asked for, in order; null where no key matches. */
export interface FoundKeys {
  keys: (KeySummary | null)[];
}

/** readSecrets (CLI only): the values, in the order asked for. */
export interface SecretValues {
  secrets: { id: string; value: string }[];
}

/** importKeys: one outcome per entry, in order, and the totals. Never a value. */
export interface ImportReport {
  outcomes: ImportOutcome[];
  created: number;
  replaced: number;
  skipped: number;
  failed: number;
  dryRun: boolean;
}

/** exportKeys (CLI only): the file's text, with the values in it. */
export interface ExportedKeys {
  content: string;
  count: number;
}

export type { KeySummary, AuditEntry, ImportOutcome };
