import * as z from '../zod';
import * as s from './schemas';
import type {
  AuditVerification,
  AuthStatus,
  CopyReceipt,
  Enrolment,
  ExportedKeys,
  FoundKeys,
  ImportReport,
  KeyList,
  KeySummary,
  Revealed,
  SecretValues,
  Settings,
  TagCount,
  AuditEntry,
  BackupFile,
  RestoreReport,
  DriftReport,
  DriftRepair,
  HostFeatures,
  StagedEnvImport,
  ChosenExportTarget,
  ExportedFile,
  ScanFolderResult,
  ScanImportReport,
  StoredValues,
} from './results';

/**
 * The one contract. Each operation is declared once: its argument schema, its result type, who may
 * call it, and whether it works while locked. Electron IPC, the browser host and the CLI all carry
 * exactly these operations to the same dispatcher.
 *
 * `callers`: 'window' operations are exposed to the renderer (and the CLI); 'cli' operations hand a
 * secret value to a process the user started from their shell, so the window never gets them.
 * `indexOnly`: it reads the index (or the audit log) and nothing else, no value and no write, so a
 * session the keychain confirmed a moment ago may stand for it (Vault.requireUnlocked).
 */
interface OperationSpec<A extends z.ZodMiniType, R, C extends 'window' | 'cli'> {
  /** The argument schema, built on first use (z.lazySchema): a command builds only the ones it calls. */
  args: () => A;
  callers: C;
  whileLocked: boolean;
  indexOnly?: true;
  /** Phantom: carries the result type for the typed client. */
  result?: R;
}

function op<R>() {
  return <A extends z.ZodMiniType, C extends 'window' | 'cli'>(
    spec: Omit<OperationSpec<A, R, C>, 'result'>,
  ): OperationSpec<A, R, C> => spec;
}

export const operations = {
  authStatus: op<AuthStatus>()({ args: s.empty, callers: 'window', whileLocked: true }),
  beginEnrolment: op<Enrolment>()({ args: s.empty, callers: 'window', whileLocked: true }),
  confirmEnrolment: op<{ recoveryCodes: string[] }>()({
    args: s.totpCodeArgs,
    callers: 'window',
    whileLocked: true,
  }),
  unlock: op<AuthStatus>()({ args: s.totpCodeArgs, callers: 'window', whileLocked: true }),
  unlockWithRecoveryCode: op<AuthStatus>()({
    args: z.lazySchema(() => z.strictObject({ recoveryCode: s.recoveryCode() })),
    callers: 'window',
    whileLocked: true,
  }),
  lock: op<AuthStatus>()({ args: s.empty, callers: 'window', whileLocked: true }),
  /** Called on user activity so the idle timer measures the user, not the last request. */
  keepAlive: op<AuthStatus>()({ args: s.empty, callers: 'window', whileLocked: false }),

  listKeys: op<KeyList>()({ args: s.listKeysArgs, callers: 'window', whileLocked: false, indexOnly: true }),
  getKey: op<KeySummary>()({ args: s.keyArgs, callers: 'window', whileLocked: false, indexOnly: true }),
  createKey: op<KeySummary>()({ args: s.createKeyArgs, callers: 'window', whileLocked: false }),
  updateKey: op<KeySummary>()({ args: s.updateKeyArgs, callers: 'window', whileLocked: false }),
  rotateKey: op<KeySummary>()({
    args: z.lazySchema(() => z.strictObject({ key: s.keyRef(), secret: s.secretValue() })),
    callers: 'window',
    whileLocked: false,
  }),
  deleteKey: op<{ id: string; name: string }>()({
    args: s.keyArgs,
    callers: 'window',
    whileLocked: false,
  }),
  copyKey: op<CopyReceipt>()({ args: s.keyArgs, callers: 'window', whileLocked: false }),
  /** Puts the key's keystash:// reference (not its value) on the clipboard, uncleared: it is no secret. */
  copyReference: op<{ reference: string }>()({ args: s.keyArgs, callers: 'window', whileLocked: false }),
  revealKey: op<Revealed>()({ args: s.keyArgs, callers: 'window', whileLocked: false }),
  readSecret: op<{ value: string }>()({ args: s.keyArgs, callers: 'cli', whileLocked: false }),
  /** Many keys by name or id in one call, without values: what references and --key resolve to. */
  findKeys: op<FoundKeys>()({ args: s.findKeysArgs, callers: 'window', whileLocked: false, indexOnly: true }),
  /** The values for `run` and `inject`: one keychain read per key, one lastUsedAt write and one audit entry in all. */
  readSecrets: op<SecretValues>()({ args: s.readSecretsArgs, callers: 'cli', whileLocked: false }),
  /** For `scan --import`: which found values a key already stores. Values come in, never go out. */
  findStoredValues: op<StoredValues>()({ args: s.findStoredValuesArgs, callers: 'cli', whileLocked: false }),
  /** .env import: values come in (as with createKey), never go out; one index write for the batch. */
  importKeys: op<ImportReport>()({ args: s.importKeysArgs, callers: 'window', whileLocked: false }),
  /** The text of an export, values included, so CLI only; the app's Export… writes it from main. */
  exportKeys: op<ExportedKeys>()({ args: s.exportKeysArgs, callers: 'cli', whileLocked: false }),
  /**
   * An encrypted backup of every key and value. The window may ask for it: the file is ciphertext
   * (scrypt + AES-256-GCM), so no value crosses into the renderer in clear, and the page that could
   * pick a passphrase could as well Reveal each key, which is audited per key; a backup is audited
   * too ("backup", with its count). The window offers the text as a download (0600 in Electron).
   */
  createBackup: op<BackupFile>()({ args: s.createBackupArgs, callers: 'window', whileLocked: false }),
  /** Restores a backup all or nothing. Values only come in, as with importKeys, so the window may too. */
  restoreBackup: op<RestoreReport>()({ args: s.restoreBackupArgs, callers: 'window', whileLocked: false }),

  /** What the host offers for files: native dialogs (the app) or typed paths (the browser host). */
  hostFeatures: op<HostFeatures>()({ args: s.empty, callers: 'window', whileLocked: true }),
  /**
   * Import .env…, step 1: main reads and parses the file (from its open dialog; the browser host
   * takes a file input's text) and keeps the values; the window gets a preview without them.
   */
  stageEnvImport: op<StagedEnvImport>()({ args: s.stageEnvImportArgs, callers: 'window', whileLocked: false }),
  /** Import .env…, step 2: the chosen rows go into the vault; `importProgress` events report it. */
  commitEnvImport: op<ImportReport>()({ args: s.commitEnvImportArgs, callers: 'window', whileLocked: false }),
  /** Export…, step 1: main's save dialog picks the file, and the git check says whether to warn. */
  chooseExportFile: op<ChosenExportTarget>()({ args: s.chooseExportFileArgs, callers: 'window', whileLocked: false }),
  /** Export…, step 2: main writes the values to the picked file (0600); the window never gets them. */
  exportToFile: op<ExportedFile>()({ args: s.exportToFileArgs, callers: 'window', whileLocked: false }),
  /** Scan a folder…: main walks the folder it picked and keeps the values; findings come back masked. */
  scanFolder: op<ScanFolderResult>()({ args: s.scanFolderArgs, callers: 'window', whileLocked: false }),
  /** Import selected: one key per distinct value among the chosen findings. */
  importScanFindings: op<ScanImportReport>()({ args: s.importScanFindingsArgs, callers: 'window', whileLocked: false }),

  listTags: op<{ tags: TagCount[] }>()({ args: s.empty, callers: 'window', whileLocked: false, indexOnly: true }),
  renameTag: op<{ renamed: number; merged: boolean }>()({
    args: z.lazySchema(() => z.strictObject({ from: s.tagName(), to: s.tagName() })),
    callers: 'window',
    whileLocked: false,
  }),
  deleteTag: op<{ removedFrom: number }>()({
    args: z.lazySchema(() => z.strictObject({ tag: s.tagName() })),
    callers: 'window',
    whileLocked: false,
  }),

  getSettings: op<Settings>()({ args: s.empty, callers: 'window', whileLocked: false, indexOnly: true }),
  updateSettings: op<Settings>()({ args: s.settingsPatch, callers: 'window', whileLocked: false }),

  /**
   * Drift between the index and the keychain (`keystash doctor`). Listing the keychain costs about
   * 1 s per 500 entries, so it never runs inside unlock: a watching host (the app, the browser host)
   * starts one check in the background a second after an unlock (after the window's first paint),
   * and a checkDrift within 30 s of that unlock gets its report; any other call, or refresh: true,
   * lists the keychain afresh.
   */
  checkDrift: op<DriftReport>()({ args: s.checkDriftArgs, callers: 'window', whileLocked: false }),
  /** Repairs drift only as asked: adopts orphaned values as "Recovered key …", or forgets entries whose value is gone. Never deletes a value. */
  repairDrift: op<DriftRepair>()({ args: s.repairDriftArgs, callers: 'window', whileLocked: false }),

  listAudit: op<{ entries: AuditEntry[] }>()({ args: s.auditQuery, callers: 'window', whileLocked: false, indexOnly: true }),
  verifyAudit: op<AuditVerification>()({ args: s.empty, callers: 'window', whileLocked: false, indexOnly: true }),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type ArgsSchemaOf<N extends OperationName> = ReturnType<Operations[N]['args']>;
export type ArgsOf<N extends OperationName> = z.input<ArgsSchemaOf<N>>;
/** The arguments as a handler gets them: parsed (trimmed, normalised) by the schema. */
export type ParsedArgsOf<N extends OperationName> = z.output<ArgsSchemaOf<N>>;
export type ResultOf<N extends OperationName> = NonNullable<Operations[N]['result']>;

export type WindowOperationName = {
  [K in OperationName]: Operations[K]['callers'] extends 'window' ? K : never;
}[OperationName];

export const operationNames = Object.keys(operations) as OperationName[];
export const windowOperationNames = operationNames.filter(
  (n): n is WindowOperationName => operations[n].callers === 'window',
);

/** Events main pushes to the window. */
export const VAULT_EVENTS = ['locked', 'clipboardCleared', 'vaultChanged', 'importProgress'] as const;
export type VaultEventName = (typeof VAULT_EVENTS)[number];

export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * What crosses to the window with an event: importProgress's counts, read field by field (so nothing
 * else the emitter attached can ride along), and nothing for any other event.
 */
export function eventPayload(event: VaultEventName, payload: unknown): ImportProgress | Record<string, never> {
  if (event !== 'importProgress' || typeof payload !== 'object' || payload === null) return {};
  const { done, total } = payload as Partial<ImportProgress>;
  return Number.isInteger(done) && Number.isInteger(total) ? { done: done!, total: total! } : {};
}
