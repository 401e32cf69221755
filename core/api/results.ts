import type { ErrorCode } from '../errors';
import type { KeySummary } from '../keys/key-record';
import type { AuditEntry } from '../audit/audit-events';

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

export type { KeySummary, AuditEntry };
