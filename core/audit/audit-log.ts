import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { appendFileDurable, ensurePrivateDir } from '../fs/atomic-write';
import { lockVaultFile } from '../fs/vault-lock';
import { vaultFiles } from '../paths';
import type { AuditEntry, AuditEvent } from './audit-events';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  event: AuditEvent;
  keyId?: string;
  detail?: AuditEntry['detail'];
}

/** The hash covers the previous hash and every field of this entry except the hash itself. */
export function hashEntry(previousHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  const body = JSON.stringify({ seq: entry.seq, ts: entry.ts, event: entry.event, keyId: entry.keyId, detail: entry.detail });
  return createHash('sha256').update(previousHash).update('\n').update(body).digest('hex');
}

/** An append whose lock is held and whose previous entry is read (AuditLog.reserve). */
export interface ReservedAppend {
  /** Writes the entry, chained from the entry read at reservation, and releases the lock. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Releases the lock without writing. */
  cancel(): Promise<void>;
}

/**
 * The append-only audit log, one JSON object a line, hash-chained. Appends go under a lock shared
 * by the app and the CLI so that two processes never write the same seq. Callers pass ids, names
 * and counts only; values never reach this file.
 */
export class AuditLog {
  private readonly files: ReturnType<typeof vaultFiles>;

  constructor(
    private readonly home: string,
    private readonly now: () => number,
  ) {
    this.files = vaultFiles(home);
  }

  async append(record: AuditRecord): Promise<AuditEntry> {
    return (await this.reserve()).append(record);
  }

  /**
   * Takes the lock and reads the previous entry now, for an entry that is known later: a command
   * that reads a value does this while the keychain answers, so once the value is back its audit
   * line is one fsynced append (the lock and the read are 4-5 ms of a `keystash get`). Every
   * reservation ends in `append` or `cancel`; until then other writers of the log wait.
   */
  async reserve(): Promise<ReservedAppend> {
    await ensurePrivateDir(this.home);
    const release = await lockVaultFile(this.files.audit, this.files.auditLock);
    let released = false;
    const releaseOnce = async () => {
      if (released) return;
      released = true;
      await release().catch(() => undefined);
    };
    let tail: Awaited<ReturnType<AuditLog['tail']>>;
    try {
      tail = await this.tail();
    } catch (error) {
      await releaseOnce();
      throw error;
    }
    return {
      append: async (record) => {
        if (released) throw new Error('This audit reservation has already ended.');
        try {
          return await this.write(record, tail);
        } finally {
          await releaseOnce();
        }
      },
      cancel: releaseOnce,
    };
  }

  private async write(record: AuditRecord, { last, endsMidLine }: { last: AuditEntry | null; endsMidLine: boolean }): Promise<AuditEntry> {
    const base = {
      seq: (last?.seq ?? 0) + 1,
      ts: new Date(this.now()).toISOString(),
      event: record.event,
      ...(record.keyId ? { keyId: record.keyId } : {}),
      ...(record.detail ? { detail: record.detail } : {}),
    };
    const entry: AuditEntry = { ...base, hash: hashEntry(last?.hash ?? GENESIS_HASH, base) };
    // A torn last line (a crash mid-append) is ended first, so the new entry never joins it.
    await appendFileDurable(this.files.audit, `${endsMidLine ? '\n' : ''}${JSON.stringify(entry)}\n`);
    return entry;
  }

  async readAll(): Promise<AuditEntry[]> {
    const lines = await this.readLines();
    const entries: AuditEntry[] = [];
    for (const line of lines) {
      // A torn or damaged line is reported by verify(); listing shows what can be read.
      const entry = parseEntry(line);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async verify(): Promise<{ ok: boolean; entries: number; firstBrokenSeq: number | null; reason: string | null }> {
    const lines = await this.readLines();
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (const [i, line] of lines.entries()) {
      const fail = (reason: string) => ({ ok: false, entries: lines.length, firstBrokenSeq: expectedSeq, reason });
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return fail(`line ${i + 1} is not valid JSON`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(`line ${i + 1} is not an audit entry`);
      const entry = parsed as AuditEntry;
      // The hash covers these fields only, so any other field would be an unverified addition.
      const extra = Object.keys(entry).filter((k) => !ENTRY_FIELDS.has(k));
      if (extra.length > 0) return fail(`line ${i + 1} has fields the hash chain does not cover`);
      if (entry.seq !== expectedSeq) return fail(`line ${i + 1} has seq ${String(entry.seq).slice(0, 20)}, expected ${expectedSeq}`);
      const { hash, ...rest } = entry;
      if (hash !== hashEntry(previousHash, rest)) return fail(`line ${i + 1} (seq ${entry.seq}) does not match its hash chain`);
      previousHash = hash;
      expectedSeq += 1;
    }
    return { ok: true, entries: lines.length, firstBrokenSeq: null, reason: null };
  }

  private async readLines(): Promise<string[]> {
    try {
      const text = await readFile(this.files.audit, 'utf8');
      return text.split('\n').filter((l) => l.length > 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /**
   * The last well-formed entry, to chain the next one from, and whether the file ends mid-line.
   * Reads only the tail of the file: appends must not slow down as the log grows. Damaged lines at
   * the end are stepped over (verify() reports them); the new entry chains from the last good one.
   */
  private async tail(): Promise<{ last: AuditEntry | null; endsMidLine: boolean }> {
    let handle;
    try {
      handle = await open(this.files.audit, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { last: null, endsMidLine: false };
      throw error;
    }
    try {
      const { size } = await handle.stat();
      let endsMidLine = false;
      let window = 4096;
      while (true) {
        const start = Math.max(0, size - window);
        const buffer = Buffer.alloc(size - start);
        await handle.read(buffer, 0, buffer.length, start);
        if (start + buffer.length === size && buffer.length > 0) endsMidLine = buffer[buffer.length - 1] !== 0x0a;
        const lines = buffer.toString('utf8').split('\n');
        if (start > 0) lines.shift(); // cut by the window: not a whole line
        for (let i = lines.length - 1; i >= 0; i--) {
          const entry = parseEntry(lines[i]!);
          if (entry) return { last: entry, endsMidLine };
        }
        if (start === 0) return { last: null, endsMidLine };
        window *= 4;
      }
    } finally {
      await handle.close();
    }
  }
}

const ENTRY_FIELDS = new Set(['seq', 'ts', 'event', 'keyId', 'detail', 'hash']);
const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** A line as an entry when it has the shape one (seq, ts, event, hash); null for a damaged line. */
function parseEntry(line: string): AuditEntry | null {
  if (line.length === 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const e = value as Record<string, unknown>;
  const wellFormed =
    Number.isSafeInteger(e.seq) && (e.seq as number) >= 1 && typeof e.ts === 'string' && typeof e.event === 'string' && typeof e.hash === 'string' && HASH_PATTERN.test(e.hash);
  return wellFormed ? (value as AuditEntry) : null;
}
