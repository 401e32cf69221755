import type { ApiError } from '../core/api/results';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes';

/**
 * A failure the CLI reports as one sentence on stderr (`keystash: <message>`) and an exit code.
 * Messages are built from names, flags and limits only, never from a secret value.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);

/**
 * Contract field names as the CLI spells them, so "envVar: ..." reads "--env-var: ...". An empty
 * spelling drops the prefix where the message already says what it is about.
 */
const FLAG_FOR_FIELD: Record<string, string> = {
  name: 'NAME',
  key: 'NAME',
  secret: '',
  code: '',
  recoveryCode: '',
  envVar: '--env-var',
  provider: '--provider',
  notes: '--notes',
  tags: '--tag',
  url: '--url',
  rotateEveryDays: '--rotate-every',
  expiresAt: '--expires',
  query: '--search',
  autoLockMinutes: '--auto-lock',
  clipboardClearSeconds: '--clipboard-clear',
  event: '--event',
  limit: '--limit',
  from: 'OLD',
  to: 'NEW',
  tag: 'TAG',
};

export function fromApiError(error: ApiError): CliError {
  return new CliError(describeApiError(error), exitCodeFor(error.code));
}

function describeApiError(error: ApiError): string {
  if (error.code !== 'INVALID_ARGUMENT' || !error.field) return error.message;
  const root = error.field.split('.')[0] ?? error.field;
  const flag = FLAG_FOR_FIELD[root];
  if (flag === undefined) return error.message;
  const prefix = `${error.field}: `;
  const rest = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return flag ? `${flag}: ${rest}` : rest;
}

/** One line for a failure nobody planned for; the stack stays out of the user's terminal. */
export function describeUnexpected(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split(/\r?\n/, 1)[0] ?? '').trim().slice(0, 200);
  return `unexpected error${line ? ` (${line})` : ''}. Please try again, and report it if it repeats.`;
}
