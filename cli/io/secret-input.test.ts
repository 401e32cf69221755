import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import type { CliIo } from './cli-io';
import { readSecretValue, stripOneNewline } from './secret-input';

const piped = (...chunks: (string | Buffer)[]): CliIo =>
  ({ stdin: Readable.from(chunks), stdout: process.stdout, stderr: process.stderr, env: {} }) as unknown as CliIo;

describe('reading a value from a pipe', () => {
  it('strips exactly one trailing newline', () => {
    expect(stripOneNewline('abc\n')).toBe('abc');
    expect(stripOneNewline('abc\r\n')).toBe('abc');
    expect(stripOneNewline('abc\n\n')).toBe('abc\n');
    expect(stripOneNewline('abc')).toBe('abc');
  });

  it('reads everything, across chunks and multi-byte characters', async () => {
    const euro = Buffer.from('€');
    expect(await readSecretValue(piped('line one\n', euro.subarray(0, 1), euro.subarray(1), '\n'), 'Value')).toBe('line one\n€');
  });

  it('refuses an empty value, invalid UTF-8 and more than 64 KiB with usage errors', async () => {
    await expect(readSecretValue(piped('\n'), 'Value')).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^No value on stdin/) });
    await expect(readSecretValue(piped(Buffer.from([0xff, 0xfe])), 'Value')).rejects.toBeInstanceOf(CliError);
    await expect(readSecretValue(piped('x'.repeat(64 * 1024 + 3)), 'Value')).rejects.toMatchObject({
      message: expect.stringMatching(/larger than 64 KiB/),
    });
    expect(await readSecretValue(piped(`${'x'.repeat(64 * 1024)}\n`), 'Value')).toHaveLength(64 * 1024);
  });
});
