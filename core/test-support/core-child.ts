import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleCoreSource } from './run-core-in-child';

const root = resolve(import.meta.dirname, '../..');

/**
 * Bundles a TypeScript snippet that imports core (paths relative to the repository root) into a
 * file under node_modules/.cache, once, so a test can start it many times (a kill loop) without
 * bundling or piping it again. Inside the repository, so the external keytar is found as in the app.
 */
export async function bundleCoreEntry(source: string): Promise<string> {
  const folder = join(root, 'node_modules', '.cache', 'keystash-test-children');
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${randomBytes(6).toString('hex')}.mjs`);
  await writeFile(file, await bundleCoreSource(source));
  return file;
}

export interface CoreChild {
  child: ChildProcess;
  /** Writes to the child's stdin (which stays open until then). */
  send(text: string): void;
  /** Complete stdout lines so far. */
  readonly lines: readonly string[];
  stderr(): string;
  /** Resolves with the first line (now or later) that starts with `prefix`. */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a bundled entry in a fresh Node process, collecting its stdout line by line. */
export function startCoreChild(file: string, env: NodeJS.ProcessEnv): CoreChild {
  const child = spawn(process.execPath, [file], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.on('error', () => undefined); // a child killed before it read
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => line.startsWith(w.prefix))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) => {
    // 'close', not 'exit': every line the child wrote before it died is read by then.
    child.on('close', (code, signal) => resolvePromise({ code, signal }));
  });
  return {
    child,
    send: (text) => child.stdin!.write(text),
    lines,
    stderr: () => stderr,
    line: (prefix, timeoutMs = 20_000) => {
      const found = lines.find((l) => l.startsWith(prefix));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiters.push({
          prefix,
          resolve: (line) => {
            clearTimeout(timer);
            resolvePromise(line);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`the child exited before printing "${prefix}"; stderr: ${stderr}`));
        });
      });
    },
    exited,
  };
}
