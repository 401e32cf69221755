import type { ErrorCode } from '../core/errors';

/** The exit codes scripts can rely on; documented in `keystash --help`. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  keychain: 4,
  notFound: 5,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Every core error code has an exit code; the Record type makes a new code a compile error here. */
const EXIT_BY_ERROR: Record<ErrorCode, ExitCode> = {
  INVALID_ARGUMENT: EXIT.usage,
  CONFLICT: EXIT.usage,
  ALREADY_ENROLLED: EXIT.usage,
  LOCKED: EXIT.auth,
  NOT_ENROLLED: EXIT.auth,
  WRONG_CODE: EXIT.auth,
  CODE_REUSED: EXIT.auth,
  THROTTLED: EXIT.auth,
  RECOVERY_REQUIRED: EXIT.auth,
  KEYCHAIN_UNAVAILABLE: EXIT.keychain,
  KEYCHAIN_LOCKED: EXIT.keychain,
  NOT_FOUND: EXIT.notFound,
  CORRUPT_INDEX: EXIT.failure,
  STORAGE_UNAVAILABLE: EXIT.failure,
  CLIPBOARD_UNAVAILABLE: EXIT.failure,
  FORBIDDEN: EXIT.failure,
  INTERNAL: EXIT.failure,
};

export function exitCodeFor(code: ErrorCode): ExitCode {
  return EXIT_BY_ERROR[code] ?? EXIT.failure;
}

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure: keys found by scan, damaged index, vault files unreadable or unwritable,
     clipboard unavailable, internal error
  2  bad usage or input (unknown option, invalid value, name already taken)
  3  locked, wrong or reused code, throttled, not set up
  4  system keychain unavailable or locked
  5  no such key or tag`;
