import { MAX_SECRET_BYTES } from '../../core/keychain/keychain';
import { usageError } from '../errors';
import type { CliIo } from './cli-io';
import { readHiddenLine } from './hidden-input';

/**
 * A key's value, from stdin only (argv shows up in `ps` and shell history).
 * Piped: everything, minus one trailing newline (the one `echo` or a file's last line adds).
 * Terminal: typed or pasted on one line, hidden.
 */
export async function readSecretValue(io: CliIo, what: string): Promise<string> {
  if (io.stdin.isTTY) {
    const value = await readHiddenLine(io, `${what} (input hidden, Enter to finish): `);
    if (value === '') throw usageError('No value was entered, so nothing was saved.');
    return value;
  }
  const value = stripOneNewline(await readPipedText(io.stdin));
  if (value === '') {
    throw usageError('No value on stdin. Pipe it in (for example `pbpaste | keystash add NAME`) or run in a terminal to type it hidden.');
  }
  return value;
}

export function stripOneNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

/** Room for the largest value plus the newline a pipe usually adds. */
const MAX_PIPED_BYTES = MAX_SECRET_BYTES + 2;

async function readPipedText(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_PIPED_BYTES) {
      throw usageError(`The value on stdin is larger than ${MAX_SECRET_BYTES / 1024} KiB, the most Keystash stores.`);
    }
    chunks.push(buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw usageError('The value on stdin is not valid UTF-8 text.');
  }
}
