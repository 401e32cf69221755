// Whole processes, timed from spawn to exit, as a shell would feel them.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Runs a command to its end and resolves with its wall time and output; rejects (naming the
 * command, never its input) when it exits with another code than `expectCode`.
 */
export function runProcess(file, args, { env = process.env, input = '', expectCode = 0, cwd } = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (expectCode !== null && code !== expectCode) {
        reject(new Error(`${[file, ...args].join(' ')} exited ${code}: ${stderr.trim().slice(0, 500)}`));
      } else resolvePromise({ ms, code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

export const timeProcess = async (file, args, options) => (await runProcess(file, args, options)).ms;

export function onPath(command) {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    try {
      accessSync(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}
