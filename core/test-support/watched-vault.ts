import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createDispatcher, type Caller, type Dispatch } from '../api/dispatcher';
import type { OperationName } from '../api/operations';
import { AUTH_ACCOUNTS } from '../auth/auth-store';
import { ERROR_CODES } from '../errors';
import type { Keychain } from '../keychain/keychain';
import { createKeytarKeychain } from '../keychain/keytar-keychain';
import { vaultFiles } from '../paths';
import { createTestVault, type TestVault } from './test-vault';

/**
 * A test vault on the real keychain, watched so that a fuzz test can check, after every call, that
 * the answer is a well-formed envelope and that a failed call left the vault as it was.
 *
 * "As it was" means: the index file byte for byte (so its decrypted keys and settings too), the
 * audit log byte for byte, and every keychain entry the call wrote put back to its earlier value.
 * Keychain writes are seen through a journal around the real adapter, which remembers each entry's
 * value before the call first wrote it; reading every entry after every call would cost a D-Bus
 * round trip each, thousands of times. The test also reads the entries directly at checkpoints.
 *
 * Two things may change on a failure, by design:
 * - the `session` entry: a call that passed the lock check counts as activity and extends it;
 * - for unlock attempts, `auth:state` (failure count, backoff) and audit lines `unlock_failed` and
 *   `throttled`: every attempt is audited and counted, whatever its outcome (NIST SP 800-63B 5.2.2).
 */

/** Operations whose failures are recorded on purpose, and what they may record. */
const RECORDED_FAILURES: Partial<Record<OperationName, { auditEvents: readonly string[]; accounts: readonly string[] }>> = {
  unlock: { auditEvents: ['unlock_failed', 'throttled'], accounts: [AUTH_ACCOUNTS.state] },
  unlockWithRecoveryCode: { auditEvents: ['unlock_failed', 'throttled'], accounts: [AUTH_ACCOUNTS.state] },
};

const ALWAYS_ALLOWED_ACCOUNTS: readonly string[] = [AUTH_ACCOUNTS.session];

/** Operations whose successful answer may carry a secret value, per caller. */
const VALUE_BEARING: Record<Caller, readonly string[]> = {
  window: ['revealKey'],
  cli: ['revealKey', 'readSecret', 'readSecrets', 'exportKeys'],
};

const ERROR_FIELDS = new Set(['code', 'message', 'retryAfterSeconds', 'field']);
const MAX_MESSAGE_CHARS = 1_000;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)|node:internal|\.ts:\d+:\d+/;

interface Journal {
  begin(): void;
  /** Entries written or deleted since begin(), with the value each had before the first write. */
  touched(): ReadonlyMap<string, string | null>;
}

function journalingKeychain(inner: Keychain): Keychain & Journal {
  let touched = new Map<string, string | null>();
  const remember = async (account: string) => {
    if (!touched.has(account)) touched.set(account, await inner.get(account).catch(() => null));
  };
  return {
    service: inner.service,
    get: (account) => inner.get(account),
    async set(account, value) {
      await remember(account);
      return inner.set(account, value);
    },
    async delete(account) {
      await remember(account);
      return inner.delete(account);
    },
    listAccounts: () => inner.listAccounts(),
    begin() {
      touched = new Map();
    },
    touched: () => touched,
  };
}

export interface Seed {
  name: string;
  secret: string;
  envVar?: string | null;
  tags?: string[];
}

export interface CallReport {
  result: unknown;
  /** Every broken promise found for this call; empty when the call behaved. */
  problems: string[];
  /** True when the call failed and the "vault unchanged" comparison ran. */
  checkedUnchanged: boolean;
}

interface FileSnapshot {
  index: Buffer | null;
  audit: Buffer | null;
}

export class WatchedVault {
  private readonly dispatchers: Record<Caller, Dispatch>;
  private lastInternalError: unknown = null;

  private constructor(
    readonly test: TestVault,
    private readonly journal: Keychain & Journal,
    /** Substrings that must never appear in an error, or in an answer that is not a value read. */
    readonly secretMarkers: string[],
    /** The authenticator secret and recovery codes, to unlock again after a lock. */
    readonly enrolment: { secret: string; recoveryCodes: string[] },
  ) {
    const onInternalError = (_op: string, error: unknown) => {
      this.lastInternalError = error;
    };
    this.dispatchers = {
      window: createDispatcher(test.vault, 'window', onInternalError),
      cli: createDispatcher(test.vault, 'cli', onInternalError),
    };
  }

  /** An enrolled, unlocked vault holding `seeds` (created through the contract, so audited). */
  static async create(seeds: readonly Seed[], secretMarkers: string[]): Promise<WatchedVault> {
    const service = `keystash-fuzz-${randomBytes(6).toString('hex')}`;
    const journal = journalingKeychain(createKeytarKeychain(service));
    const test = await createTestVault({ keychain: journal });
    const watched = new WatchedVault(test, journal, secretMarkers, await test.enrol());
    for (const seed of seeds) {
      const result = await watched.dispatchers.cli('createKey', { name: seed.name, secret: seed.secret, envVar: seed.envVar ?? null, tags: seed.tags ?? [] });
      if (!(result as { ok: boolean }).ok) throw new Error(`seeding ${seed.name} failed: ${JSON.stringify(result)}`);
    }
    await test.vault.settle();
    return watched;
  }

  get vault() {
    return this.test.vault;
  }

  get keychain(): Keychain {
    return this.journal;
  }

  /** Runs one call and checks the envelope, and on failure that nothing changed. */
  async call(operation: unknown, args: unknown, caller: Caller): Promise<CallReport> {
    const before = await this.snapshot();
    this.journal.begin();
    this.lastInternalError = null;
    const problems: string[] = [];
    let result: unknown;
    try {
      result = await this.dispatchers[caller](operation, args);
    } catch (error) {
      problems.push(`the dispatcher threw: ${String(error)}`);
    }
    const after = await this.snapshot();
    if (problems.length === 0) problems.push(...this.envelopeProblems(String(operation), caller, result));
    const failed = isEnvelope(result) && result.ok === false;
    if (failed) problems.push(...(await this.unchangedProblems(String(operation), before, after)));
    return { result, problems, checkedUnchanged: failed };
  }

  async cleanup(): Promise<void> {
    await this.test.cleanup();
  }

  private async snapshot(): Promise<FileSnapshot> {
    await this.vault.settle();
    const files = vaultFiles(this.test.home);
    return { index: await readIfExists(files.index), audit: await readIfExists(files.audit) };
  }

  private envelopeProblems(operation: string, caller: Caller, result: unknown): string[] {
    if (!isEnvelope(result)) return [`not an envelope: ${safeJson(result)}`];
    const problems: string[] = [];
    const keys = Object.keys(result).sort().join(',');
    if (result.ok && keys !== 'ok,value') problems.push(`a success envelope has the fields ${keys}`);
    if (!result.ok) {
      if (keys !== 'error,ok') problems.push(`a failure envelope has the fields ${keys}`);
      problems.push(...errorProblems(result.error, this.lastInternalError));
    }
    let text: string;
    try {
      structuredClone(result);
      text = JSON.stringify(result);
    } catch (error) {
      return [...problems, `the envelope cannot cross IPC: ${String(error)}`];
    }
    const mayCarryValues = result.ok && VALUE_BEARING[caller].includes(operation);
    if (!mayCarryValues) {
      for (const marker of this.secretMarkers) {
        if (text.includes(marker)) problems.push(`the answer contains a secret value (marker ${marker})`);
      }
    }
    return problems;
  }

  private async unchangedProblems(operation: string, before: FileSnapshot, after: FileSnapshot): Promise<string[]> {
    const problems: string[] = [];
    const allowed = RECORDED_FAILURES[operation as OperationName];
    if (!sameBytes(before.index, after.index)) problems.push('the index file changed although the call failed');
    if (!sameBytes(before.audit, after.audit)) {
      const extra = appendedLines(before.audit, after.audit);
      if (extra === null) problems.push('the audit log was rewritten, not appended to');
      else {
        const events = extra.map((line) => (JSON.parse(line) as { event: string }).event);
        const unexpected = events.filter((e) => !allowed?.auditEvents.includes(e));
        if (unexpected.length > 0) problems.push(`a failed call appended audit events ${unexpected.join(', ')}`);
      }
    }
    for (const [account, previous] of this.journal.touched()) {
      if (ALWAYS_ALLOWED_ACCOUNTS.includes(account) || allowed?.accounts.includes(account)) continue;
      const now = await this.journal.get(account).catch(() => null);
      if (now !== previous) problems.push(`the keychain entry ${account} changed although the call failed`);
    }
    return problems;
  }
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: unknown };

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function errorProblems(error: unknown, internal: unknown): string[] {
  if (typeof error !== 'object' || error === null) return ['the error is not an object'];
  const e = error as Record<string, unknown>;
  const problems: string[] = [];
  const extra = Object.keys(e).filter((k) => !ERROR_FIELDS.has(k));
  if (extra.length > 0) problems.push(`the error has unexpected fields ${extra.join(', ')}`);
  if (!(ERROR_CODES as readonly unknown[]).includes(e.code)) problems.push(`unknown error code ${safeJson(e.code)}`);
  if (e.code === 'INTERNAL') problems.push(`INTERNAL (an unexpected exception): ${String(internal)}`);
  if (typeof e.message !== 'string' || e.message.length === 0) return [...problems, 'the error has no message'];
  if (e.message.length > MAX_MESSAGE_CHARS) problems.push(`the message is ${e.message.length} characters long`);
  if (CONTROL_CHARACTER.test(e.message)) problems.push(`the message contains a control character: ${JSON.stringify(e.message.slice(0, 200))}`);
  if (STACK_TRACE.test(e.message)) problems.push(`the message looks like a stack trace: ${e.message.slice(0, 200)}`);
  if (e.retryAfterSeconds !== undefined && (e.code !== 'THROTTLED' || typeof e.retryAfterSeconds !== 'number')) {
    problems.push('retryAfterSeconds outside THROTTLED');
  }
  if (e.field !== undefined && typeof e.field !== 'string') problems.push('field is not a string');
  return problems;
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

/** The whole lines added at the end of `before`, or null when `before` is not a prefix of `after`. */
function appendedLines(before: Buffer | null, after: Buffer | null): string[] | null {
  const head = before ?? Buffer.alloc(0);
  if (after === null || after.length < head.length || !after.subarray(0, head.length).equals(head)) return null;
  return after
    .subarray(head.length)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}

function safeJson(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 300);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
