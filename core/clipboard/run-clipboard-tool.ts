import { spawn } from 'node:child_process';
import { VaultError } from '../errors';

export interface ToolCommand {
  file: string;
  args: readonly string[];
  /** Tools that fork a background owner of the selection (xsel --input, xclip, wl-copy). */
  forks?: boolean;
}

const TOOL_TIMEOUT_MS = 10_000;
/** How long a forking tool's stderr may stay open after it exited before we stop listening. */
const STDERR_GRACE_MS = 200;

/**
 * Runs one clipboard tool, feeding `input` on stdin (never argv, where `ps` would show it) and
 * returning its stdout. Fails with CLIPBOARD_UNAVAILABLE, and the `hint` telling what to install.
 *
 * Forking tools leave a child that owns the selection and may inherit our pipes, so the 'close'
 * event could wait for as long as the value stays on the clipboard. For them we settle on 'exit'
 * and then drop the pipes, so neither this promise nor the process is held open.
 */
export async function runClipboardTool(command: ToolCommand, options: ToolOptions): Promise<string> {
  try {
    return await runOnce(command, options);
  } catch (error) {
    // An X server under load can refuse one connection ("Can't open display"); a second try a
    // moment later succeeds. A tool that is missing or hangs is not retried. Writing the same value
    // twice is harmless, so every command may be repeated.
    if (!(error instanceof ToolExitError)) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    return runOnce(command, options);
  }
}

interface ToolOptions {
  env: NodeJS.ProcessEnv;
  input?: Uint8Array | string;
  hint: string;
}

const RETRY_DELAY_MS = 150;

/** The tool ran and reported failure (exit code or signal), as opposed to not starting or hanging. */
class ToolExitError extends VaultError {}

function runOnce(command: ToolCommand, options: ToolOptions): Promise<string> {
  const name = command.file;
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, {
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', command.forks ? 'ignore' : 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

    let settled = false;
    const finish = (error: VaultError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (error) reject(error);
      else resolve(Buffer.concat(stdout).toString('utf8'));
    };
    const message = (reason: string) => `The clipboard tool ${name} failed (${reason}). ${options.hint}`;
    const failure = (reason: string) => new VaultError('CLIPBOARD_UNAVAILABLE', message(reason));

    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(failure(`no answer within ${TOOL_TIMEOUT_MS / 1000} s`));
    }, TOOL_TIMEOUT_MS);

    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(error.code === 'ENOENT' ? failure('not installed') : failure(error.code ?? 'could not start'));
    });
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (code === 0) return finish(null);
      const said = Buffer.concat(stderr).toString('utf8').split(/\r?\n/, 1)[0]?.trim().slice(0, 200);
      finish(new ToolExitError('CLIPBOARD_UNAVAILABLE', message(said || (signal ? `killed by ${signal}` : `exit code ${code}`))));
    };
    if (command.forks) {
      child.on('exit', (code, signal) => {
        if (!child.stderr || child.stderr.closed) return settle(code, signal);
        const grace = setTimeout(() => settle(code, signal), STDERR_GRACE_MS);
        child.stderr?.once('close', () => {
          clearTimeout(grace);
          settle(code, signal);
        });
      });
    } else {
      child.on('close', settle); // after stdout is fully read
    }

    if (child.stdin) {
      // A tool that exits before reading everything (bad display) must not crash us with EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}
