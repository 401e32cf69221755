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
