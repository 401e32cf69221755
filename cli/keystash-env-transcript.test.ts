import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../core/detect/fake-token';
import { grepFolder, ROOT, useCliSandbox, type CliSandbox } from './test/cli-harness';
import { runCliIn } from './test/run-cli';

const exec = promisify(execFile);

/**
 * The acceptance transcript of issue 4: a developer moves a small project's .env into Keystash and
 * runs the app with `keystash run --env-file .env -- node app.js`. The transcript is written to
 * test-results/transcripts/dotenv-to-keystash.txt.
 */
describe('transcript: from .env to keystash run', () => {
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
  });
  let sandbox: CliSandbox;
  let project: string;
  const transcript: string[] = [];
  // Key-shaped but made up, built here so no key-shaped literal sits in the source.
  const stripe = `sk_test_${fakeToken('alnum', 24, 'transcript-stripe')}`;
  const sendgrid = `SG.${fakeToken('base64url', 22, 'transcript-sg-1')}.${fakeToken('base64url', 43, 'transcript-sg-2')}`;

  const APP = [
    "// Loads .env like dotenv does (variables already set win), then says which keys it got, never what they are.",
    "process.loadEnvFile('.env');",
    "for (const name of ['STRIPE_SECRET_KEY', 'SENDGRID_API_KEY']) {",
    '  const value = process.env[name];',
    "  const state = !value ? 'missing' : value.startsWith('keystash://') ? 'only a reference' : `set (${value.length} characters)`;",
    '  console.log(`${name}: ${state}`);',
    '}',
    "console.log(`PORT: ${process.env.PORT ?? 'missing'}`);",
    '',
  ].join('\n');

  beforeAll(async () => {
    sandbox = currentSandbox();
    project = await mkdtemp(join(tmpdir(), 'keystash-demo-'));
    await writeFile(join(project, 'app.js'), APP);
    await writeFile(
      join(project, '.env'),
      ['# demo shop settings', `STRIPE_SECRET_KEY=${stripe}`, `SENDGRID_API_KEY="${sendgrid}" # mail`, 'PORT=3000', ''].join('\n'),
    );
    await exec('git', ['init', '-q', project]);
    await writeFile(join(project, '.gitignore'), '.env\n*.keystash-backup\n');
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  /** Runs a shell-style step and records it as the person would have seen it. */
  async function step(display: string, run: () => Promise<{ stdout: string; stderr: string; code: number | null }>) {
    const result = await run();
    transcript.push(`$ ${display}`, ...(result.stdout + result.stderr).trimEnd().split('\n').filter((l, i, all) => l !== '' || i < all.length - 1));
    if (result.code !== 0) transcript.push(`[exit ${result.code}]`);
    return result;
  }
  const keystash = (args: string[]) => step(`keystash ${args.map((a) => (/[\s'"]/.test(a) ? `'${a}'` : a)).join(' ')}`, () => runCliIn(sandbox, project, args));
  const shell = (command: string) =>
    step(command, async () => {
      try {
        const { stdout, stderr } = await exec('bash', ['-c', command], { cwd: project, env: { ...sandbox.env } });
        return { stdout, stderr, code: 0 };
      } catch (error) {
        const e = error as { stdout: string; stderr: string; code: number };
        return { stdout: e.stdout, stderr: e.stderr, code: e.code };
      }
    });

  it('imports .env, rewrites it with references, and runs the app with the keys', async () => {
    expect((await shell('node app.js')).stdout).toContain('STRIPE_SECRET_KEY: set');
    await shell('cut -c1-30 .env # (values cut short for this transcript)');
    expect((await keystash(['import', '.env', '--skip', 'PORT', '--dry-run'])).stdout).toMatch(/STRIPE_SECRET_KEY\s+2\s+create\s+Stripe\s+test/);
    const imported = await keystash(['import', '.env', '--skip', 'PORT', '--rewrite']);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Imported .env: 2 created, 0 replaced, 1 skipped, 0 failed.');
    const rewritten = await shell('cat .env');
    expect(rewritten.stdout).toBe(
      ['# demo shop settings', 'STRIPE_SECRET_KEY=keystash://STRIPE_SECRET_KEY', 'SENDGRID_API_KEY="keystash://SENDGRID_API_KEY" # mail', 'PORT=3000', ''].join('\n'),
    );
    await shell('ls -l .env.keystash-backup | cut -d" " -f1,9');
    expect((await stat(join(project, '.env.keystash-backup'))).mode & 0o777).toBe(0o600);
    expect((await keystash(['list'])).stdout).toMatch(/STRIPE_SECRET_KEY\s+STRIPE_SECRET_KEY\s+Stripe\s+test/);
    await shell('git status --short --ignored');

    const without = await shell('node app.js');
    expect(without.stdout).toContain('STRIPE_SECRET_KEY: only a reference');
    const ran = await keystash(['run', '--env-file', '.env', '--', 'node', 'app.js']);
    expect(ran.stdout).toBe(`STRIPE_SECRET_KEY: set (${stripe.length} characters)\nSENDGRID_API_KEY: set (${sendgrid.length} characters)\nPORT: 3000\n`);
    const masked = await keystash(['run', '--env-file', '.env', '--mask', '--', 'node', '-e', 'console.log("oops, logged " + process.env.STRIPE_SECRET_KEY)']);
    expect(masked.stdout).toBe('oops, logged <concealed by keystash>\n');
    await keystash(['audit', '--event', 'run']);

    const folder = join(ROOT, 'test-results', 'transcripts');
    await mkdir(folder, { recursive: true });
    const text = `${transcript.join('\n')}\n`;
    await writeFile(join(folder, 'dotenv-to-keystash.txt'), text);
    console.log(text);
  });

  it('left the values only in the vault and the 0600 backup', async () => {
    const printed = transcript.join('\n');
    for (const value of [stripe, sendgrid]) {
      expect(printed).not.toContain(value);
      expect(await grepFolder(sandbox.home, value)).toEqual([]);
      expect(await readFile(join(project, '.env'), 'utf8')).not.toContain(value);
      expect(await readFile(join(project, '.env.keystash-backup'), 'utf8')).toContain(value);
    }
  });
});
