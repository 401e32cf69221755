import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { totpCodeAt } from '../../core/auth/totp';

/**
 * Runs the built `keystash` as a child process against the real keychain (the private one that
 * scripts/with-keyring provides), in a vault folder and keychain service of its own.
 */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'bin/keystash.cjs');
const BUNDLE = join(ROOT, 'out/cli/keystash.cjs');
const run = promisify(execFile);

const SOURCES = ['cli', 'core', 'package.json', 'scripts/build-node.mjs'];

function newestSourceMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSourceMtime(join(path, entry)));
  return newest;
}

/** Builds out/cli/keystash.cjs when it is missing or older than any source it is built from. */
export async function ensureCliBuilt(): Promise<void> {
  const built = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestSourceMtime(join(ROOT, s))));
  if (built >= newest) return;
  await run(process.execPath, [join(ROOT, 'scripts/build-node.mjs')], { cwd: ROOT });
}

/**
 * One sandbox for a test file: the CLI is built if needed, the sandbox made before the first test
 * (then `prepare` runs, e.g. to enrol), and its keychain entries and folder removed after the last.
 */
export function useCliSandbox(prepare?: (sandbox: CliSandbox) => Promise<void>): () => CliSandbox {
  let sandbox: CliSandbox | undefined;
  beforeAll(async () => {
    await ensureCliBuilt();
    sandbox = await CliSandbox.create();
    await prepare?.(sandbox);
  }, 60_000);
  afterAll(async () => {
    await sandbox?.cleanup();
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox exists only inside tests');
    return sandbox;
  };
}

export interface CliRun {
  args: readonly string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to stdin, then stdin is closed. Without it stdin is empty (not a terminal). */
  input?: string;
  env?: Record<string, string | undefined>;
}

export class CliSandbox {
  /** Everything the CLI printed, for the check that no value ever appears in output. */
  readonly runs: CliRun[] = [];

  private constructor(
    readonly home: string,
    readonly service: string,
  ) {}

  static async create(): Promise<CliSandbox> {
    const home = await mkdtemp(join(tmpdir(), 'keystash-cli-'));
    return new CliSandbox(home, `keystash-test-${randomBytes(6).toString('hex')}`);
  }

  get env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, KEYSTASH_HOME: this.home, KEYSTASH_KEYCHAIN_SERVICE: this.service };
    delete env.KEYSTASH_CODE;
    return env;
  }

  run(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: { ...this.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        const result = { args, code, stdout, stderr };
        this.runs.push(result);
        resolvePromise(result);
      });
      child.stdin.on('error', () => undefined); // a command that does not read stdin may exit first
      child.stdin.end(options.input ?? '');
    });
  }

  /** Runs and insists on exit code 0, showing stderr when it is not. */
  async ok(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
    const result = await this.run(args, options);
    if (result.code !== 0) {
      throw new Error(`keystash ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
    }
    return result;
  }

  /** Enrols through the CLI (init --json, then --confirm) and returns the authenticator and recovery codes. */
  async enrol(): Promise<{ authenticator: Authenticator; recoveryCodes: string[]; otpauthUri: string }> {
    const begun = JSON.parse((await this.ok(['init', '--json'])).stdout) as { otpauthUri: string; secret: string };
    const authenticator = Authenticator.fromUri(begun.otpauthUri);
    const code = await authenticator.currentCode();
    const confirmed = JSON.parse((await this.ok(['init', '--confirm', code, '--json'])).stdout) as { recoveryCodes: string[] };
    return { authenticator, recoveryCodes: confirmed.recoveryCodes, otpauthUri: begun.otpauthUri };
  }

  /** Every stdout and stderr so far, except the stdout of `get` (whose job is to print a value). */
  printedOutsideGet(): string {
    return this.runs.map((r) => (r.args[0] === 'get' ? r.stderr : r.stdout + r.stderr)).join('\n');
  }

  async cleanup(): Promise<void> {
    await run('secret-tool', ['clear', 'service', this.service]).catch(() => undefined);
    await rm(this.home, { recursive: true, force: true });
  }
}

const STEP_MS = 30_000;
const stepAt = (ms: number) => Math.floor(ms / STEP_MS);

/**
 * What an authenticator app does, for tests: codes from the secret in the otpauth URI. Unlock
 * accepts the current step and one either side but never a step at or before the last accepted
 * one, so each new code is for the step after the last one used, waiting for the clock if needed.
 */
export class Authenticator {
  private lastStep: number | null = null;

  constructor(readonly secret: string) {}

  static fromUri(uri: string): Authenticator {
    const secret = new URL(uri).searchParams.get('secret');
    if (!secret) throw new Error('the otpauth URI has no secret');
    return new Authenticator(secret);
  }

  /** The code for the current step (what enrolment confirms with). */
  async currentCode(): Promise<string> {
    return this.codeFor(stepAt(Date.now()));
  }

  /** A code that unlock accepts now and that no earlier unlock used. */
  async nextCode(): Promise<string> {
    const step = Math.max(stepAt(Date.now()), (this.lastStep ?? -Infinity) + 1);
    // Accepted only while the clock is at most one step behind it.
    while (stepAt(Date.now()) < step - 1) await sleep((step - 1) * STEP_MS - Date.now() + 50);
    return this.codeFor(step);
  }

  /** The most recently used code again: a replay. */
  async lastCode(): Promise<string> {
    if (this.lastStep === null) throw new Error('no code was used yet');
    return totpCodeAt(this.secret, this.lastStep * STEP_MS);
  }

  private async codeFor(step: number): Promise<string> {
    this.lastStep = step;
    return totpCodeAt(this.secret, step * STEP_MS);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The real clipboard, read the way a user's paste would see it. */
export async function readClipboard(): Promise<string> {
  return (await run('xsel', ['--clipboard', '--output'])).stdout;
}

export async function writeClipboard(text: string): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn('xsel', ['--clipboard', '--input'], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', () => resolvePromise());
    child.stdin.end(text);
  });
}

/** What `secret-tool` (and so Seahorse) sees for the service: the raw search output. */
export async function secretToolSearch(service: string, ...attributes: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', service, ...attributes]);
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return (failed.stdout ?? '') + (failed.stderr ?? '');
  }
}

/** `grep -r -F` for a value under a folder: the files that contain it (none, we hope). */
export async function grepFolder(folder: string, value: string): Promise<string[]> {
  try {
    const { stdout } = await run('grep', ['-r', '-l', '-F', '-e', value, folder]);
    return stdout.split('\n').filter(Boolean);
  } catch (error) {
    if ((error as { code?: number }).code === 1) return []; // grep: no match
    throw error;
  }
}
