import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, type CliRun, type CliSandbox } from './cli-harness';

export interface RunningCli {
  child: ChildProcess;
  /** Resolves when the CLI exits; the run is recorded in the sandbox for the leak checks. */
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>;
  /** Resolves once stdout contains the text (for a program that says it is ready). */
  printed(text: string): Promise<void>;
}

/**
 * Starts the built CLI without waiting for it, in a folder of the test's choosing, for tests that
 * signal it while it runs or need a working directory. `detached` gives it a session of its own,
 * with no controlling terminal, as a CLI started by a service or CI job has.
 */
export function startCli(
  sandbox: CliSandbox,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; detached?: boolean; input?: string } = {},
): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...sandbox.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const waiter of waiters.splice(0)) {
      if (stdout.includes(waiter.text)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(options.input ?? '');
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const result = { args, code, signal, stdout, stderr };
      sandbox.runs.push(result);
      resolve(result);
    });
  });
  return {
    child,
    done,
    printed: (text) =>
      new Promise((resolve, reject) => {
        if (stdout.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void done.then(() => reject(new Error(`the CLI exited before printing ${JSON.stringify(text)}; stderr: ${stderr}`)));
      }),
  };
}

/** Runs to the end (in a folder of the test's choosing). */
export async function runCliIn(sandbox: CliSandbox, cwd: string, args: readonly string[], env?: Record<string, string | undefined>) {
  return startCli(sandbox, args, { cwd, ...(env ? { env } : {}) }).done;
}
