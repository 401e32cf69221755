import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors';
import { fromApiError } from './errors';
import { EXIT, exitCodeFor } from './exit-codes';

describe('exit codes', () => {
  it('maps every core error code to the documented exit code', () => {
    const expected: Record<string, number> = {
      INVALID_ARGUMENT: 2, CONFLICT: 2, ALREADY_ENROLLED: 2,
      LOCKED: 3, NOT_ENROLLED: 3, WRONG_CODE: 3, CODE_REUSED: 3, THROTTLED: 3, RECOVERY_REQUIRED: 3,
      KEYCHAIN_UNAVAILABLE: 4, KEYCHAIN_LOCKED: 4,
      NOT_FOUND: 5,
      CORRUPT_INDEX: 1, STORAGE_UNAVAILABLE: 1, CLIPBOARD_UNAVAILABLE: 1, FORBIDDEN: 1, INTERNAL: 1,
    };
    for (const code of ERROR_CODES) expect(exitCodeFor(code), code).toBe(expected[code]);
  });
});

describe('fromApiError', () => {
  it('spells a contract field as the CLI flag the user typed', () => {
    const error = fromApiError({
      code: 'INVALID_ARGUMENT',
      field: 'envVar',
      message: 'envVar: Environment variable must start with a letter or _ and contain only letters, digits and _.',
    });
    expect(error.message).toBe('--env-var: Environment variable must start with a letter or _ and contain only letters, digits and _.');
    expect(error.exitCode).toBe(EXIT.usage);
    expect(fromApiError({ code: 'INVALID_ARGUMENT', field: 'tags.2', message: 'tags.2: A tag cannot contain a comma.' }).message).toBe(
      '--tag: A tag cannot contain a comma.',
    );
  });

  it('drops the prefix where the message speaks for itself, and keeps other messages as they are', () => {
    expect(fromApiError({ code: 'INVALID_ARGUMENT', field: 'code', message: 'code: An authenticator code is 6 digits.' }).message).toBe(
      'An authenticator code is 6 digits.',
    );
    const throttled = fromApiError({ code: 'THROTTLED', message: 'Too many wrong codes. Try again in 30 s.', retryAfterSeconds: 30 });
    expect(throttled.message).toBe('Too many wrong codes. Try again in 30 s.');
    expect(throttled.exitCode).toBe(EXIT.auth);
  });
});
