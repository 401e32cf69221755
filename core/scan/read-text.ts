import { open } from 'node:fs/promises';
import { looksBinary } from './skip-rules';

export type ReadOutcome =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'skipped'; reason: 'tooLarge' | 'binary' | 'unreadable' };

/**
 * Reads one file as UTF-8 text, or says why not. The size is checked on the open handle before
 * reading, so a huge file costs one fstat, and a file that grows meanwhile is still capped.
 */
export async function readText(absolute: string, maxBytes: number): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(absolute, 'r');
  } catch {
    return { kind: 'skipped', reason: 'unreadable' };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { kind: 'skipped', reason: 'unreadable' };
    if (stats.size > maxBytes) return { kind: 'skipped', reason: 'tooLarge' };
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) return { kind: 'skipped', reason: 'tooLarge' };
    if (looksBinary(bytes)) return { kind: 'skipped', reason: 'binary' };
    return { kind: 'text', text: bytes.toString('utf8'), bytes: bytes.length };
  } catch {
    return { kind: 'skipped', reason: 'unreadable' };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
