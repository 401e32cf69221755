/**
 * The contract's types, gathered in one place so renderer files never reach into core/ themselves.
 * Types only: the renderer must not bundle any core code.
 */
export type {
  ApiError,
  AuditEntry,
  AuditVerification,
  AuthStatus,
  BackupFile,
  CopyReceipt,
  DriftRepair,
  DriftReport,
  Enrolment,
  KeyList,
  KeySummary,
  RestoreReport,
  Result,
  Revealed,
  Settings,
  SmartFilterCounts,
  TagCount,
  EnvImportPreview,
  EnvImportRow,
  ExportTarget,
  HostFeatures,
  ImportReport,
  ScanImportReport,
  StagedScan,
} from '../../core/api/results';
export type { ImportProgress } from '../../core/api/operations';
export type { ArgsOf, ResultOf, WindowOperationName } from '../../core/api/operations';
export type { AuditEvent } from '../../core/audit/audit-events';
export type { ErrorCode } from '../../core/errors';

import type { ArgsOf } from '../../core/api/operations';

export type ListKeysArgs = NonNullable<ArgsOf<'listKeys'>>;
export type KeyFilter = NonNullable<ListKeysArgs['filter']>;
export type KeySort = NonNullable<ListKeysArgs['sort']>;
export type CreateKeyArgs = NonNullable<ArgsOf<'createKey'>>;
export type ExportFormat = NonNullable<ArgsOf<'exportToFile'>>['format'];
export type UpdateKeyArgs = NonNullable<ArgsOf<'updateKey'>>;
