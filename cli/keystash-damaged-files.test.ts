import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRICKY_ENV } from '../core/env/tricky-env.fixture';
import { useCliSandbox, type CliRun, type CliSandbox } from './test/cli-harness';
import { runCliIn } from './test/run-cli';

/**
 * The fuzz tests in core/ check the import path, the backup format, the index and the audit log
 * one call at a time. This is what a user sees: the built `keystash` given damaged .env, backup,
 * index and audit files. Each refusal is one "keystash: ..." line (no stack trace, no value), and
 * the damaged file is byte for byte as it was.
 */

const PASSPHRASE = 'damaged files passphrase';
const VALUE = `sk_live_${randomBytes(8).toString('hex')}`;

describe('keystash on damaged files', () => {
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
  });
  let sandbox: CliSandbox;
  let work: string;

  beforeAll(async () => {
    sandbox = currentSandbox();
    work = await mkdtemp(join(tmpdir(), 'keystash-damaged-'));
    await sandbox.ok(['add', 'Stripe live', '--env-var', 'STRIPE_KEY'], { input: VALUE });
  });
  afterAll(async () => {
    expect(sandbox.printedOutsideGet()).not.toContain(VALUE);
    await rm(work, { recursive: true, force: true });
  });

  /** Never a stack trace; a refusal says what is wrong in a "keystash: ..." line. */
  function expectCleanOutput(result: CliRun, refusal: boolean): void {
    expect(result.stderr).not.toMatch(/\n\s+at\s|node:internal|\.js:\d+:\d+/);
    if (refusal) expect(result.stderr).toMatch(/^keystash: /m);
  }

  /** Runs, checks the output, and checks that `path` is byte for byte as before. */
  async function untouchedAfter(path: string, run: () => Promise<CliRun>, refusal = true): Promise<CliRun> {
    const before = await readFile(path);
    const result = await run();
    expectCleanOutput(result, refusal);
    expect((await readFile(path)).equals(before), `${path} changed`).toBe(true);
    return result;
  }

  const damagedEnvFiles: Record<string, string | Buffer> = {
    'random-bytes.env': randomBytes(3000),
    'unterminated.env': 'A="never closed\nB=\'also open\nC=`and this\n',
    'nul.env': 'WITH_NUL=before\u0000after\nOK=fine\n',
    'huge-line.env': `HUGE=${'h'.repeat(200_000)}\n`,
    'cut-short.env': TRICKY_ENV.slice(0, TRICKY_ENV.indexOf('-----END')),
    'crlf-mix.env': 'A=1\r\nB="two\r\nlines"\rC=3\n',
    'bom.env': '\ufeffA=with-bom\n',
  };

  it.each(Object.keys(damagedEnvFiles))('import of %s: a clean parse or a clear refusal, and the file untouched', async (name) => {
    const path = join(work, name);
    await writeFile(path, damagedEnvFiles[name]!);
    for (const args of [['import', name, '--dry-run'], ['import', name, '--json']]) {
      // Exit 1 with the report when some rows failed (a NUL, a value over 64 KiB); the report says which.
      const result = await untouchedAfter(path, () => runCliIn(sandbox, work, args), false);
      expect([0, 1]).toContain(result.code);
    }
  });

  it('refuses a damaged backup with one line, changes nothing, and leaves the file as it was', async () => {
    const good = join(work, 'good.keystash-backup');
    await sandbox.ok(['backup', '-o', good, '--passphrase-stdin'], { input: `${PASSPHRASE}\n` });
    const text = await readFile(good);
    const flipped = Buffer.from(text);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x04;
    const damaged: Record<string, Buffer> = {
      'cut.keystash-backup': text.subarray(0, text.length / 2),
      'flipped.keystash-backup': flipped,
      'garbage.keystash-backup': randomBytes(4096),
      'empty.keystash-backup': Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(damaged)) {
      const path = join(work, name);
      await writeFile(path, bytes);
      const result = await untouchedAfter(path, () => sandbox.run(['restore', path, '--passphrase-stdin', '--on-conflict', 'replace'], { input: `${PASSPHRASE}\n` }));
      expect(result.code, `${name}: ${result.stderr}`).not.toBe(0);
    }
    const wrong = await untouchedAfter(good, () => sandbox.run(['restore', good, '--passphrase-stdin'], { input: 'not the passphrase\n' }));
    expect(wrong.code).toBe(3);
    expect((await sandbox.ok(['get', 'Stripe live'])).stdout).toBe(VALUE);
  });

  it('refuses a damaged index with one line and leaves it untouched', async () => {
    const index = join(sandbox.home, 'index.json.enc');
    const saved = join(work, 'index.saved');
    await copyFile(index, saved);
    const original = await readFile(saved);
    for (const bytes of [original.subarray(0, 40), Buffer.from('{"format":"keystash-index"}'), randomBytes(512)]) {
      await writeFile(index, bytes);
      for (const args of [['list'], ['add', 'another'], ['get', 'Stripe live']]) {
        const result = await untouchedAfter(index, () => sandbox.run(args, { input: 'value' }));
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toMatch(/left untouched/);
      }
    }
    await copyFile(saved, index);
    expect((await sandbox.ok(['get', 'Stripe live'])).stdout).toBe(VALUE);
  });

  it('names the file and what to do when a folder stands where the index should be', async () => {
    const index = join(sandbox.home, 'index.json.enc');
    const aside = join(work, 'index.aside');
    await rename(index, aside);
    await mkdir(index);
    try {
      const result = await sandbox.run(['list']);
      expectCleanOutput(result, true);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Keystash could not use "${index}": it is a folder where Keystash expects a file. Move the folder aside`);
    } finally {
      await rm(index, { recursive: true });
      await rename(aside, index);
    }
    expect((await sandbox.ok(['get', 'Stripe live'])).stdout).toBe(VALUE);
  });

  it('reports a damaged audit log at its first broken line, and keeps appending after it', async () => {
    const audit = join(sandbox.home, 'audit.jsonl');
    const lines = (await readFile(audit, 'utf8')).trimEnd().split('\n');
    await writeFile(audit, `${[lines[0], 'not json', ...lines.slice(1)].join('\n')}\n${'{"seq":'}`); // and a torn tail
    const verified = await sandbox.run(['audit', '--verify', '--json']);
    expectCleanOutput(verified, true);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    await sandbox.ok(['get', 'Stripe live']);
    const after = (await readFile(audit, 'utf8')).split('\n');
    expect(after.at(-1)).toBe('');
    expect(JSON.parse(after.at(-2)!)).toMatchObject({ event: 'get' });
    const again = await sandbox.run(['audit', '--verify', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
