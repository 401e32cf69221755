import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { AuditLog } from './audit-log';

describe('audit log', () => {
  let t: TestVault;
  let log: AuditLog;
  beforeEach(async () => {
    t = await createTestVault();
    log = new AuditLog(t.home, t.clock.now);
  });
  afterEach(() => t.cleanup());

  it('chains each line to the one before and verifies', async () => {
    for (const event of ['create', 'copy', 'delete'] as const) await log.append({ event, keyId: crypto.randomUUID() });
    const entries = await log.readAll();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await log.verify()).toEqual({ ok: true, entries: 3, firstBrokenSeq: null, reason: null });
  });

  it('reports the first broken link when a line is edited or removed', async () => {
    for (let i = 0; i < 5; i++) await log.append({ event: 'copy', detail: { n: i } });
    const path = join(t.home, 'audit.jsonl');
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${lines.map((l, i) => (i === 2 ? l.replace('"n":2', '"n":9') : l)).join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    await writeFile(path, `${lines.filter((_, i) => i !== 1).join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('keeps seq unique when two processes append at once', async () => {
    const other = new AuditLog(t.home, t.clock.now);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? log : other).append({ event: 'copy' })));
    expect((await log.readAll()).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await log.verify()).ok).toBe(true);
  });

  it('holds the log for a reservation: another writer waits for it, and the chain stays whole', async () => {
    await log.append({ event: 'unlock' });
    const reserved = await log.reserve();
    const other = new AuditLog(t.home, t.clock.now);
    let otherDone = false;
    const otherAppend = other.append({ event: 'lock' }).then(() => (otherDone = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(otherDone).toBe(false);
    await reserved.append({ event: 'get', keyId: 'k1' });
    await otherAppend;
    expect((await log.readAll()).map((e) => [e.seq, e.event])).toEqual([
      [1, 'unlock'],
      [2, 'get'],
      [3, 'lock'],
    ]);
    expect((await log.verify()).ok).toBe(true);
    await expect(reserved.append({ event: 'get' })).rejects.toThrow(/already ended/);
  });

  it('writes nothing for a cancelled reservation, and frees the log at once', async () => {
    const reserved = await log.reserve();
    await reserved.cancel();
    await reserved.cancel();
    const started = Date.now();
    await log.append({ event: 'copy' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await log.readAll()).map((e) => [e.seq, e.event])).toEqual([[1, 'copy']]);
  });
});
