import { normalisePassphrase, PASSPHRASE_MAX_CHARS, PASSPHRASE_MIN_CHARS, passphraseLength } from '../../core/backup/backup-limits';
import { usageError } from '../errors';
import { canPrompt, type CliIo } from './cli-io';
import { readHiddenLine } from './hidden-input';
import { stripOneNewline } from './secret-input';

/**
 * A backup passphrase, never from argv: typed hidden on the terminal, or with --passphrase-stdin
 * the one line on stdin (for scripts, e.g. `pass show backup | keystash backup -o F --passphrase-stdin`).
 */

/** A new passphrase: asked twice on a terminal; at least PASSPHRASE_MIN_CHARS characters. */
export async function readNewPassphrase(io: CliIo, fromStdin: boolean): Promise<string> {
  const passphrase = fromStdin
    ? await readPassphraseLine(io.stdin)
    : await askHidden(io, `Passphrase for the backup (at least ${PASSPHRASE_MIN_CHARS} characters, input hidden): `);
  if (passphraseLength(passphrase) < PASSPHRASE_MIN_CHARS) {
    throw usageError(`The passphrase must be at least ${PASSPHRASE_MIN_CHARS} characters. Nothing was written.`);
  }
  if (!fromStdin) {
    const repeated = await askHidden(io, 'Type the passphrase again: ');
    if (normalisePassphrase(repeated) !== normalisePassphrase(passphrase)) {
      throw usageError('The two passphrases differ. Nothing was written.');
    }
  }
  return passphrase;
}

/** The passphrase of an existing backup, asked once. */
export async function readPassphrase(io: CliIo, fromStdin: boolean, prompt: string): Promise<string> {
  const passphrase = fromStdin ? await readPassphraseLine(io.stdin) : await askHidden(io, prompt);
  if (passphrase === '') throw usageError('No passphrase was entered. Nothing was changed.');
  return passphrase;
}

async function askHidden(io: CliIo, prompt: string): Promise<string> {
  if (!canPrompt(io)) {
    throw usageError('There is no terminal to ask for the passphrase on. Run in a terminal, or pipe it in and pass --passphrase-stdin.');
  }
  return readHiddenLine(io, prompt);
}

/** Room for the longest passphrase in UTF-8, plus a line ending. */
const MAX_LINE_BYTES = PASSPHRASE_MAX_CHARS * 4 + 2;

async function readPassphraseLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_LINE_BYTES) throw usageError(`The passphrase on stdin is longer than ${PASSPHRASE_MAX_CHARS} characters.`);
    chunks.push(buffer);
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = stripOneNewline(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw usageError('The passphrase on stdin is not valid UTF-8 text.');
  } finally {
    for (const buffer of [bytes, ...chunks]) buffer.fill(0);
  }
  if (/[\r\n]/.test(text)) throw usageError('--passphrase-stdin reads one line, but stdin held more than one.');
  if (text === '') throw usageError('No passphrase on stdin (--passphrase-stdin reads it from there).');
  return text;
}
