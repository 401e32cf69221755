import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/**
 * Runs a TypeScript snippet that imports core modules (paths relative to the repository root) in
 * a fresh Node process, for what a test cannot do in its own process: another environment (no
 * D-Bus), or proving that the process exits on its own. keytar stays external and is found from
 * the repository root, as in the built app. `prefix` wraps the command, e.g. ['dbus-run-session', '--'].
 */
export async function runCoreInChild(
  source: string,
  options: { env?: NodeJS.ProcessEnv; prefix?: string[]; timeoutMs?: number } = {},
): Promise<ChildResult> {
  const code = await bundleCoreSource(source);
  const [file, ...args] = [...(options.prefix ?? []), process.execPath, '--input-type=module'];
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file!, args, { cwd: root, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    // 'exit', not 'close': a background process the child left behind may still hold the pipes.
    child.on('exit', (exitCode, signal) => {
      clearTimeout(timer);
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        resolvePromise({ code: exitCode, signal, stdout, stderr, timedOut, ms: Date.now() - started });
      }, 50);
    });
    child.stdin.end(code);
  });
}

/** The snippet as one ESM file for `node --input-type=module` (run from the repository root, which finds keytar). */
export async function bundleCoreSource(source: string): Promise<string> {
  const bundle = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: 'child.ts', loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['keytar', '@homebridge/dbus-native'],
    // As scripts/build-node.mjs does for the CLI: bundled CommonJS dependencies call require().
    banner: { js: "import { createRequire as __childCreateRequire } from 'node:module'; const require = __childCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]!.text;
}
