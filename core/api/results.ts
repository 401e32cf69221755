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

/** createBackup: the encrypted file's text. Useless without the passphrase, yet written 0600. */
export interface BackupFile {
  content: string;
  keys: number;
  createdAt: string;
}

/** restoreBackup: what happened to each key of the backup, in its order. Never a value. */
export interface RestoreOutcome {
  /** The key's name in the backup. */
  name: string;
  status: 'restored' | 'replaced' | 'renamed' | 'skipped';
  /** The key's id in the vault now (for a skip, the vault key that kept the name). */
  id: string;
  /** For a renamed key: the name it was restored under, e.g. "Stripe (restored)". */
  restoredAs: string | null;
  reason: string | null;
}

export interface RestoreReport {
  outcomes: RestoreOutcome[];
  restored: number;
  replaced: number;
  renamed: number;
  skipped: number;
  settingsRestored: boolean;
  backupCreatedAt: string;
  dryRun: boolean;
}

/**
 * checkDrift: index entries whose value is not in the keychain, and key values in the keychain that
 * no index entry names. Names, ids and keychain account names only, never a value.
 */
export interface DriftReport {
  missingValues: { id: string; name: string }[];
  /** Head accounts (`key:<id>`); a value's chunk accounts (`key:<id>#2`…) go with it and are not listed. */
  orphanedValues: { account: string }[];
  /** Epoch ms of the keychain listing the report comes from. */
  checkedAt: number;
}

/** repairDrift: the index entries created (adoptOrphans) or removed (forgetMissing), and what was left alone. */
export interface DriftRepair {
  repaired: { id: string; name: string }[];
  /** An account or id that was no longer drift when the repair looked again, and why. */
  skipped: { target: string; reason: string }[];
}

export type { KeySummary, AuditEntry, ImportOutcome };

/** hostFeatures: what the host offers the window for files. */
export interface HostFeatures {
  /**
   * True only in the browser host, which has no native dialogs: the window asks for a typed path
   * (and takes a .env file from a file input). The app answers false and shows its own dialogs.
   */
  typedPaths: boolean;
}

/** One variable of a staged .env file, as the Import .env… preview shows it. Never the value. */
export interface EnvImportRow {
  /** Its index in the staged file, which the commit names. */
  row: number;
  variable: string;
  line: number;
  /** Earlier lines assigning the same variable (dotenv uses the last one). */
  overriddenLines: number[];
  /** The suggested key name (the variable). */
  name: string;
  envVar: string | null;
  provider: string | null;
  tags: string[];
  /** First 4 characters and the length, as `keystash scan` shows a value; null without a value. */
  masked: string | null;
  /** 'import' rows can be committed; the others say why not in `reason`. */
  status: 'import' | 'skipped' | 'failed';
  reason: string | null;
  /** The existing key with this name (names ignore case), if any. */
  conflict: { id: string; name: string } | null;
}

export interface EnvImportPreview {
  stagingId: string;
  fileName: string;
  rows: EnvImportRow[];
}

/** stageEnvImport: null when the user cancelled the file dialog. */
export interface StagedEnvImport {
  preview: EnvImportPreview | null;
}

/** chooseExportFile: the file picked to export to, and what the window should warn about first. */
export interface ExportTarget {
  /** Names the picked path in exportToFile; the window cannot name a path itself. */
  targetId: string;
  path: string;
  /** The git work tree that could commit the file (it is not ignored there), or null. */
  unignoredWorkTree: string | null;
  /** The file exists and the host's dialog did not already ask to replace it. */
  existsUnconfirmed: boolean;
}

export interface ChosenExportTarget {
  target: ExportTarget | null;
}

export interface ExportedFile {
  path: string;
  count: number;
}

/** One finding of a staged scan, for the window: where and what kind, with the value masked. */
export interface ScanFindingView {
  fingerprint: string;
  line: number;
  column: number;
  ruleId: string;
  provider: string;
  masked: string;
}

export interface StagedScan {
  stagingId: string;
  root: string;
  files: { path: string; findings: ScanFindingView[] }[];
  /** Distinct values among the findings (one key each on import). */
  distinct: number;
  filesScanned: number;
  durationMs: number;
  /** .env files ignore rules hid from the scan: Import .env… is the way for those. */
  ignoredEnvFiles: string[];
}

/** scanFolder: null when the user cancelled the folder dialog. */
export interface ScanFolderResult {
  scan: StagedScan | null;
}

/** findStoredValues: per value asked about, the key that stores it, or null. */
export interface StoredValues {
  keys: ({ id: string; name: string } | null)[];
}

/**
 * importScanFindings: one entry per distinct value, with its reference ready to paste. `existing`:
 * a key already stores that value (an earlier scan imported it), so it was not stored again.
 */
export interface ScanImportReport {
  keys: { fingerprint: string; name: string; id: string | null; reference: string | null; status: ImportOutcome['status'] | 'existing'; reason: string | null }[];
  created: number;
  existing: number;
  skipped: number;
  failed: number;
}
