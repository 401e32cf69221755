import { spawn } from 'node:child_process';
import { CLI, type CliSandbox } from './cli-harness';

/**
 * Runs the CLI on a real pseudo-terminal (util-linux `script`), so prompts, hidden input and
 * Ctrl-C are exercised as a person would meet them. Everything the terminal showed, including
 * anything it echoed, is in `screen`.
 */
export interface TerminalRun {
  code: number | null;
  screen: string;
}

export interface TerminalStep {
  /** Wait until the screen (since the previous step) shows this. */
  waitFor: RegExp;
  /** Then type this; a function can compute it from what the screen shows. */
  type: string | ((screen: string) => string | Promise<string>);
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export function runInTerminal(
  sandbox: CliSandbox,
  args: readonly string[],
  steps: readonly TerminalStep[],
  env: Record<string, string | undefined> = {},
  stepTimeoutMs = 15_000,
): Promise<TerminalRun> {
  // `exec`: script runs the command through $SHELL, and a shell that stays (dash does) sits in the
  // terminal's foreground group, dies of the Ctrl-C itself and makes script report 130 for it.
  const command = ['exec', ...[process.execPath, CLI, ...args].map(quote)].join(' ');
  const child = spawn('script', ['-q', '-e', '-f', '-c', command, '/dev/null'], {
    env: { ...sandbox.env, SHELL: '/bin/sh', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let seen = 0;
  let onOutput = () => undefined as void;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    screen += d;
    onOutput();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    screen += d;
    onOutput();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} on:\n${screen}`)), stepTimeoutMs);
      const check = () => {
        const since = screen.slice(seen);
        if (pattern.test(since)) {
          clearTimeout(timer);
          seen = screen.length;
          resolve(since);
        }
      };
      onOutput = check;
      check();
    });

  return (async () => {
    for (const step of steps) {
      const shown = await waitFor(step.waitFor);
      const text = typeof step.type === 'string' ? step.type : await step.type(shown);
      child.stdin.write(text);
    }
    const code = await exited;
    child.stdin.end();
    return { code, screen };
  })();
}

/** Enter, as a terminal sends it in raw mode. */
export const ENTER = '\r';
export const CTRL_C = '\u0003';
