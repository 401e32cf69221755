import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { looksBinary } from './skip-rules';

export type ReadOutcome =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'skipped'; reason: 'tooLarge' | 'binary' | 'unreadable' };

/**
 * Reads one file as UTF-8 text, or says why not. The size is checked on the open descriptor before
 * reading, so a huge file costs one fstat, and a file that grows meanwhile is still capped.
 *
 * Callback fs rather than fs/promises: a FileHandle costs several promise hops and a finaliser per
 * file, and over 10,000 files this reader measured about twice as fast.
 */
export async function readText(absolute: string, maxBytes: number): Promise<ReadOutcome> {
  let fd: number;
  try {
    // O_NOFOLLOW: the walk skips links, and one swapped in since must not lead outside the tree.
    fd = await call<number>((done) => open(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0), done));
  } catch {
    return { kind: 'skipped', reason: 'unreadable' };
  }
  try {
    const stats = await call<Stats>((done) => fstat(fd, done));
    if (!stats.isFile()) return { kind: 'skipped', reason: 'unreadable' };
    if (stats.size > maxBytes) return { kind: 'skipped', reason: 'tooLarge' };
    // One byte more than allowed, to notice a file that grew past the limit since fstat.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = await call<number>((done) => read(fd, buffer, length, buffer.length - length, null, done));
      length += n;
      if (n === 0 || length === buffer.length) break;
    }
    if (length > maxBytes) return { kind: 'skipped', reason: 'tooLarge' };
    const bytes = buffer.subarray(0, length);
    if (looksBinary(bytes)) return { kind: 'skipped', reason: 'binary' };
    return { kind: 'text', text: bytes.toString('utf8'), bytes: length };
  } catch {
    return { kind: 'skipped', reason: 'unreadable' };
  } finally {
    close(fd, () => undefined);
  }
}

function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}
