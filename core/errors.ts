/**
 * Every failure the vault reports to a user carries a stable code and one sentence that says
 * what to do. The message must never contain a secret value: callers build it from names and
 * limits only.
 */
export const ERROR_CODES = [
  'LOCKED',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_ENROLLED',
  'ALREADY_ENROLLED',
  'WRONG_CODE',
  'CODE_REUSED',
  'THROTTLED',
  'RECOVERY_REQUIRED',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'CORRUPT_INDEX',
  /** The vault folder's files cannot be read or written: permissions, a full disk, a folder in a file's place. */
  'STORAGE_UNAVAILABLE',
  'CLIPBOARD_UNAVAILABLE',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class VaultError extends Error {
  readonly code: ErrorCode;
  /** Seconds until a throttled attempt may be retried; only set with THROTTLED. */
  readonly retryAfterSeconds?: number;
  /** The argument field the error is about (e.g. "name" for a duplicate), so a form can show it inline. */
  readonly field?: string;

  constructor(code: ErrorCode, message: string, options?: { retryAfterSeconds?: number; field?: string }) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    if (options?.field !== undefined) this.field = options.field;
  }
}

export function isVaultError(error: unknown): error is VaultError {
  return error instanceof VaultError;
}

/**
 * Text a caller or a file supplied (a field name, a key name), fit to quote in a message: cut to
 * `max` characters and JSON-quoted, with C1 controls escaped too, so it can neither flood a
 * message nor slip a terminal escape sequence into a user's terminal.
 */
export function quoteForMessage(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
