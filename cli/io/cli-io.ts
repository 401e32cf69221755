/** The process's streams and environment, passed in so nothing below main reaches for globals. */
export interface CliIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/**
 * Getters, because Node builds each stream on first touch (stdin on a pipe alone costs about 2.5 ms:
 * a socket and its modules), and most commands never read stdin.
 */
export function processIo(): CliIo {
  return {
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    env: process.env,
  };
}

/** Prompts need a person at a terminal: input from a TTY, and somewhere visible to ask. */
export function canPrompt(io: CliIo): boolean {
  return Boolean(io.stdin.isTTY && io.stderr.isTTY);
}
