import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { detectSecrets } from '../detect/detect';
import { maskSecret } from '../detect/mask';
import { VaultError } from '../errors';
import { FoundSecrets } from './found-secrets';
import { readText } from './read-text';
import { MAX_FILE_BYTES } from './skip-rules';
import { walkTree, type WalkedFile, type WalkSkips } from './walk';

/** One finding as anyone may see it: where, what kind, and the value masked. Never the value. */
export interface ScanFinding {
  /** Relative to the scanned folder, with `/` separators. */
  path: string;
  line: number;
  column: number;
  ruleId: string;
  provider: string;
  envVar: string;
  tag: string | null;
  /** First 4 characters and the length, e.g. `sk_l*** (32 chars)`. */
  masked: string;
  /** Equal values have equal fingerprints within one scan (see FoundSecrets). */
  fingerprint: string;
}

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  skipped: WalkSkips & { tooLarge: number };
  durationMs: number;
}

/** Serialisable: what the CLI prints and what a window could be sent. */
export interface ScanReport {
  root: string;
  findings: ScanFinding[];
  stats: ScanStats;
  /** .env files the ignore rules hid; their keys belong in `keystash import`, not in a scan. */
  ignoredEnvFiles: string[];
}

export interface ScanOutcome {
  report: ScanReport;
  /** The values, by fingerprint: stays in the process that scanned (CLI or main), for import. */
  secrets: FoundSecrets;
}

export interface ScanProgress {
  phase: 'listing' | 'reading';
  /** Files to read (known once listing is done). */
  filesTotal: number;
  filesDone: number;
}

export interface ScanOptions {
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
  /** Files read at once. The default keeps libuv's thread pool busy without queueing thousands of opens. */
  concurrency?: number;
  maxFileBytes?: number;
  /** For tests: a fixed fingerprint key. By default each scan makes its own. */
  fingerprintKey?: Buffer;
}

/**
 * Scans a folder for hard-coded secrets: lists the files a scan should read (see walk.ts), reads
 * them through a bounded pool, and runs the detectors on each. It never writes anything.
 */
export async function scanTree(dir: string, options: ScanOptions = {}): Promise<ScanOutcome> {
  const started = performance.now();
  const root = resolve(dir);
  await assertFolder(root);
  const { signal, onProgress } = options;

  onProgress?.({ phase: 'listing', filesTotal: 0, filesDone: 0 });
  const walked = await walkTree(root, signal);
  const secrets = new FoundSecrets(options.fingerprintKey);
  const perFile: ScanFinding[][] = new Array(walked.files.length);
  const stats: ScanStats = { filesScanned: 0, bytesScanned: 0, skipped: { ...walked.skips, tooLarge: 0 }, durationMs: 0 };

  let done = 0;
  onProgress?.({ phase: 'reading', filesTotal: walked.files.length, filesDone: 0 });
  const scanOne = async (file: WalkedFile, index: number) => {
    const read = await readText(file.absolute, options.maxFileBytes ?? MAX_FILE_BYTES);
    if (read.kind === 'skipped') {
      stats.skipped[read.reason]++;
    } else {
      stats.filesScanned++;
      stats.bytesScanned += read.bytes;
      perFile[index] = detectSecrets(read.text).map((f) => ({
        path: file.path,
        line: f.line,
        column: f.column,
        ruleId: f.ruleId,
        provider: f.provider,
        envVar: f.envVar,
        tag: f.tag,
        masked: maskSecret(f.secret),
        fingerprint: secrets.add(f.secret),
      }));
    }
    done++;
    onProgress?.({ phase: 'reading', filesTotal: walked.files.length, filesDone: done });
  };
  await runPool(walked.files, options.concurrency ?? 32, scanOne, signal);

  stats.durationMs = Math.round(performance.now() - started);
  return {
    report: { root, findings: perFile.flat(), stats, ignoredEnvFiles: walked.ignoredEnvFiles },
    secrets,
  };
}

async function assertFolder(root: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(root)).isDirectory();
  } catch {
    throw new VaultError('INVALID_ARGUMENT', `There is no folder at ${root}.`, { field: 'path' });
  }
  if (!isFolder) throw new VaultError('INVALID_ARGUMENT', `${root} is a file, not a folder. Scan the folder that holds it.`, { field: 'path' });
}

/** Runs `work` over `items` with at most `limit` in flight; stops taking new items once aborted. */
async function runPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
