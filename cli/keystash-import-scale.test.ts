import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grepFolder, useCliSandbox, type CliSandbox } from './test/cli-harness';
import { runInTerminal } from './test/terminal-session';

const ENTRIES = 1_000;

/** A long .env file: one index write for the whole batch, and a progress bar on a terminal. */
describe('keystash import of 1,000 entries', () => {
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
  });
  let sandbox: CliSandbox;
  let work: string;
  const values = Array.from({ length: ENTRIES }, (_, i) => `bulk-value-${i}-${randomBytes(10).toString('hex')}`);

  beforeAll(async () => {
    sandbox = currentSandbox();
    work = await mkdtemp(join(tmpdir(), 'keystash-scale-'));
    await writeFile(join(work, 'big.env'), values.map((v, i) => `# entry ${i}\nBULK_${String(i).padStart(4, '0')}="${v}"\n`).join(''));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('completes, with a progress bar on the terminal, and reports its time', async () => {
    const started = performance.now();
    const session = await runInTerminal(sandbox, ['import', join(work, 'big.env'), '--tag', 'bulk'], [], {}, 120_000);
    const seconds = (performance.now() - started) / 1000;
    console.log(`import of ${ENTRIES} entries: ${seconds.toFixed(1)} s`);
    expect(session.code, session.screen).toBe(0);
    expect(session.screen).toMatch(/Importing \[#+\.*\] \d+\/1000/);
    expect(session.screen).toContain(`Imported ${join(work, 'big.env')}: 1000 created, 0 replaced, 0 skipped, 0 failed.`);
    const { keys, total } = JSON.parse((await sandbox.ok(['list', '--tag', 'bulk', '--json'])).stdout) as { keys: unknown[]; total: number };
    expect(keys).toHaveLength(ENTRIES);
    expect(total).toBe(ENTRIES);
    expect((await sandbox.ok(['get', 'BULK_0999'])).stdout).toBe(values[999]);
  }, 180_000);

  it('left no value in KEYSTASH_HOME', async () => {
    for (const value of [values[0]!, values[500]!, values[999]!]) expect(await grepFolder(sandbox.home, value)).toEqual([]);
  });
});
