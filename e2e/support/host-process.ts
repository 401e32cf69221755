import { spawn, type ChildProcess } from 'node:child_process';
import type { Result } from '../../core/api/results';
import { hostEntry, repoRoot } from './paths';

const READY_TIMEOUT_MS = 20_000;
const URL_LINE = /^KEYSTASH_HOST_URL=(http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+))$/m;

export interface RunningHost {
  /** The URL with the token in its fragment, as printed. */
  url: string;
  origin: string;
  token: string;
  /** Everything the host printed so far, stdout and stderr. */
  output(): string;
  /** The host's stdout only; the contract is exactly one line. */
  stdout(): string;
  /** Calls one operation the way the page's bridge does. */
  call<T = unknown>(operation: string, args?: unknown): Promise<Result<T>>;
  stop(): Promise<void>;
}

/** Starts `node out/host/host.js` and waits for its one KEYSTASH_HOST_URL line. */
export async function startHost(env: NodeJS.ProcessEnv): Promise<RunningHost> {
  const child = spawn(process.execPath, [hostEntry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const output = () => stdout + stderr;

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no KEYSTASH_HOST_URL line within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const check = () => {
      const found = URL_LINE.exec(stdout);
      if (found) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(found);
      }
    };
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The browser host did not start: ${why}.\n${output()}`));
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
  });
  const url = match[1]!;
  const token = match[2]!;
  const origin = new URL(url).origin;

  return {
    url,
    origin,
    token,
    output,
    stdout: () => stdout,
    async call<T>(operation: string, args: unknown = {}) {
      const response = await fetch(`${origin}/api/${operation}`, {
        method: 'POST',
        headers: { Origin: origin, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      return (await response.json()) as Result<T>;
    },
    stop: () => stopChild(child),
  };
}

/** SIGTERM (the host then clears the clipboard and ends the session), SIGKILL if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
