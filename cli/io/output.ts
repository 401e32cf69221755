import type { CliIo } from './cli-io';

/**
 * Everything the CLI prints. Data (tables, JSON, a value from `get`) goes to stdout; notes,
 * confirmations and errors go to stderr, so `keystash ... | tool` pipes only data.
 * Each write is tracked so main can wait until it has reached the pipe before exiting (pipes
 * are asynchronous on macOS, and process.exit would cut them off).
 */
export class Output {
  private pending: Promise<unknown>[] = [];

  constructor(private readonly io: CliIo) {}

  get stdoutIsTerminal(): boolean {
    return Boolean(this.io.stdout.isTTY);
  }

  /** Raw text to stdout, exactly as given. */
  data(text: string): void {
    this.write(this.io.stdout, text);
  }

  /** One or more lines to stdout. */
  lines(...lines: string[]): void {
    this.write(this.io.stdout, lines.map((l) => `${l}\n`).join(''));
  }

  /** Indented for a person at a terminal; one line for a pipe (`list --json` of 10,000 keys: 4.5 MB instead of 6.5). */
  json(value: unknown): void {
    this.write(this.io.stdout, `${JSON.stringify(value, null, this.stdoutIsTerminal ? 2 : undefined)}\n`);
  }

  /** JSON already written compactly (the agent's answer, as it arrived): for a pipe, as json() would write it. */
  compactJson(json: Buffer): void {
    this.write(this.io.stdout, json);
    this.write(this.io.stdout, '\n');
  }

  /** A message for the person at the terminal, on stderr. */
  note(text: string): void {
    this.write(this.io.stderr, `${text}\n`);
  }

  /** Text for stderr exactly as given (commander's help and usage messages). */
  diagnostic(text: string): void {
    this.write(this.io.stderr, text);
  }

  error(message: string): void {
    this.write(this.io.stderr, `keystash: ${message}\n`);
  }

  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.allSettled(pending);
  }

  private write(stream: NodeJS.WriteStream, text: string | Buffer): void {
    if (text.length === 0) return;
    this.pending.push(
      new Promise<void>((resolve) => {
        stream.write(text, () => resolve());
      }),
    );
  }
}

/**
 * Names, tags and notes come from the user and may hold terminal control sequences; shown raw they
 * could rewrite the screen. JSON output escapes them by itself.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
