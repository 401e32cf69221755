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
    await ensurePrivateDir(this.home);
    const release = await lockVaultFile(this.files.audit, this.files.auditLock);
    try {
      const last = await this.lastEntry();
      const base = {
        seq: (last?.seq ?? 0) + 1,
        ts: new Date(this.now()).toISOString(),
        event: record.event,
        ...(record.keyId ? { keyId: record.keyId } : {}),
        ...(record.detail ? { detail: record.detail } : {}),
      };
      const entry: AuditEntry = { ...base, hash: hashEntry(last?.hash ?? GENESIS_HASH, base) };
      await appendFileDurable(this.files.audit, `${JSON.stringify(entry)}\n`);
      return entry;
    } finally {
      await release().catch(() => undefined);
    }
  }

  async readAll(): Promise<AuditEntry[]> {
    const lines = await this.readLines();
    const entries: AuditEntry[] = [];
    for (const line of lines) {
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A torn or damaged line is reported by verify(); listing shows what can be read.
      }
    }
    return entries;
  }

  async verify(): Promise<{ ok: boolean; entries: number; firstBrokenSeq: number | null; reason: string | null }> {
    const lines = await this.readLines();
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (const [i, line] of lines.entries()) {
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        return { ok: false, entries: lines.length, firstBrokenSeq: expectedSeq, reason: `line ${i + 1} is not valid JSON` };
      }
      const fail = (reason: string) => ({ ok: false, entries: lines.length, firstBrokenSeq: expectedSeq, reason });
      if (entry.seq !== expectedSeq) return fail(`line ${i + 1} has seq ${String(entry.seq)}, expected ${expectedSeq}`);
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

  /** Reads only the tail of the file: appends must not slow down as the log grows. */
  private async lastEntry(): Promise<AuditEntry | null> {
    let handle;
    try {
      handle = await open(this.files.audit, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      let window = 4096;
      while (true) {
        const start = Math.max(0, size - window);
        const buffer = Buffer.alloc(size - start);
        await handle.read(buffer, 0, buffer.length, start);
        const lines = buffer.toString('utf8').split('\n').filter((l) => l.length > 0);
        const candidate = lines.at(-1);
        const complete = start === 0 || lines.length > 1;
        if (candidate && complete) {
          try {
            return JSON.parse(candidate) as AuditEntry;
          } catch {
            // A torn last line: chain from the line before it, and let verify() report the damage.
            const before = lines.at(-2);
            return before ? (JSON.parse(before) as AuditEntry) : null;
          }
        }
        if (start === 0) return null;
        window *= 4;
      }
    } finally {
      await handle.close();
    }
  }
}
