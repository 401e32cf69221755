import { spawn } from 'node:child_process';
import type { ClipboardPort } from '../../core/clipboard/clipboard-port';
import { CLEAR_HELPER_COMMAND } from './clear-helper-command';
import { CopiedValueDigest } from './copied-value-digest';

/**
 * `copy --no-wait` returns at once, but the value must still leave the clipboard on time. So a
 * detached copy of this CLI sleeps and then clears, if the clipboard still holds the value. It gets
 * only the salted digest, on stdin: no value, and nothing in argv but the delay.
 */
export async function scheduleClipboardClear(copied: CopiedValueDigest, seconds: number, env: NodeJS.ProcessEnv): Promise<void> {
  // The script this process was started as (bin/keystash.cjs, or the bundle out/cli/keystash.cjs).
  const cli = process.argv[1];
  if (!cli) throw new Error('cannot tell which script started keystash');
  const child = spawn(process.execPath, [cli, CLEAR_HELPER_COMMAND, String(seconds)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env,
    windowsHide: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.stdin.once('error', reject);
    child.stdin.end(`${JSON.stringify(copied.toHex())}\n`, () => resolve());
  });
  child.unref();
}

/** The helper's side: read the digest, wait, clear if unchanged. Exits quietly either way. */
export async function runClipboardClearHelper(
  seconds: number,
  stdin: NodeJS.ReadableStream,
  clipboard: ClipboardPort,
): Promise<void> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  const handed = parseHandover(text);
  if (!handed) return;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  if (handed.matches(await clipboard.read())) await clipboard.clear();
}

function parseHandover(text: string): CopiedValueDigest | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { salt, digest } = parsed as Record<string, unknown>;
    return typeof salt === 'string' && typeof digest === 'string' ? CopiedValueDigest.fromHex(salt, digest) : null;
  } catch {
    return null;
  }
}
