import type { CliIo } from './cli-io';
import { cancelled } from './cancelled';

/**
 * Asks one question on the terminal and returns the trimmed answer, echoed as typed. Used for
 * authenticator codes (single-use, so echo is harmless) and confirmations; never for a value.
 */
export async function promptLine(io: CliIo, question: string): Promise<string> {
  // Loaded here: readline costs every command a few ms at start-up, and only a prompt needs it.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  const abort = new AbortController();
  rl.on('SIGINT', () => abort.abort());
  rl.on('close', () => abort.abort()); // Ctrl-D
  try {
    return (await rl.question(question, { signal: abort.signal })).trim();
  } catch (error) {
    if (abort.signal.aborted) {
      io.stderr.write('\n');
      throw cancelled();
    }
    throw error;
  } finally {
    rl.close();
  }
}
