/** The hard-coded key scanner: walk, read, detect; and the plan for importing what it found. */
export { FoundSecrets } from './found-secrets';
export { planImport, type ImportPlanOptions, type PlannedKey } from './import-plan';
export {
  scanTree,
  type ScanFinding,
  type ScanOptions,
  type ScanOutcome,
  type ScanProgress,
  type ScanReport,
  type ScanStats,
} from './scan-tree';
export { LOCK_FILES, MAX_FILE_BYTES, SKIPPED_DIRECTORIES } from './skip-rules';
