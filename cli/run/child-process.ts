import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { createMasker, type StreamMasker } from '../../core/run/stream-masker';
import { MaskingStream } from './masking-stream';
import { childGotTerminalInterrupt } from './terminal-interrupt';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface ChildOptions {
  env: NodeJS.ProcessEnv;
  /** With values: the child's stdout and stderr go through maskers for them. Without: stdio is inherited. */
  maskValues: readonly string[] | null;
  stdout: Writable;
  stderr: Writable;
}

export type ChildOutcome = { exitCode: number } | { spawnError: NodeJS.ErrnoException };

/**
 * Runs the program the way a shell would: no shell in between (arguments are passed as they are),
 * the terminal shared unless output is masked, SIGINT, SIGTERM and SIGHUP passed on, and the exit
 * code its own, or 128 + the signal number when a signal ended it.
 */
export async function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildOutcome> {
  const masking = options.maskValues === null ? null : createMasker(options.maskValues);
  let child: ChildProcess;
  try {
    child = spawn(command, args, { env: options.env, stdio: masking ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
  } catch (error) {
    // Thrown before starting (e.g. an argument with a NUL byte); Node's message may quote the env, so only the code goes on.
    return { spawnError: Object.assign(new Error('spawn failed'), { code: (error as NodeJS.ErrnoException).code ?? 'EINVAL' }) };
  }
  const forward = (signal: NodeJS.Signals) => {
    if (signal === 'SIGINT' && child.pid !== undefined && childGotTerminalInterrupt(child.pid)) return;
    child.kill(signal);
  };
  // Listening also keeps keystash alive after a signal, so it can report the child's exit code.
  for (const signal of FORWARDED) process.on(signal, forward);
  try {
    const drained: Promise<unknown>[] = [];
    if (masking && child.stdout && child.stderr) {
      drained.push(pipeMasked(child.stdout, masking.masker(), options.stdout), pipeMasked(child.stderr, masking.masker(), options.stderr));
    }
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | NodeJS.ErrnoException>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', resolve); // could not start it (not found, not executable)
    });
    if (ended instanceof Error) return { spawnError: ended };
    await Promise.all(drained);
    return { exitCode: ended.code ?? 128 + (ended.signal ? (constants.signals[ended.signal] ?? 0) : 0) };
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
  }
}

/**
 * Child output → masker → our stream, with backpressure, resolving once the last byte was written.
 * If our reader goes away (`| head`), the program's pipe is closed too, so it meets EPIPE as it
 * would without --mask, instead of blocking on a pipe nobody reads.
 */
function pipeMasked(source: Readable, masker: StreamMasker, target: Writable): Promise<void> {
  const masking = new MaskingStream(masker);
  return new Promise<void>((resolve) => {
    const readerGone = () => {
      source.destroy();
      masking.destroy();
      resolve();
    };
    target.once('error', readerGone);
    masking.on('data', (chunk: Buffer) => {
      if (!target.write(chunk)) {
        masking.pause();
        target.once('drain', () => masking.resume());
      }
    });
    masking.once('end', () => {
      target.off('error', readerGone);
      // On macOS a pipe to our stdout is asynchronous: wait until what was handed over is written.
      target.write(Buffer.alloc(0), () => resolve());
    });
    source.on('error', readerGone);
    source.pipe(masking);
  });
}
