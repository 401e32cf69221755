import type { Keychain } from './keychain';

/**
 * How long a read made ahead may stand in for one asked for later. Beyond it, another process (a
 * `keystash lock`, the app) could have changed the entry in a way a fresh read would see: a command
 * that first prompts the user, for instance, reads again.
 */
export const READ_AHEAD_MAX_AGE_MS = 1000;

/**
 * Milliseconds on a clock that never steps back. Not performance.now(): the first use of
 * `performance` loads perf_hooks, about 2 ms of every CLI start, before the reads could leave.
 */
const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * A keychain that starts reading `accounts` now, before anyone asks. A CLI command spends tens of
 * milliseconds loading its code before its first keychain read, and the Secret Service then takes
 * about as long to answer (the first read also opens the D-Bus connection); read ahead, the two
 * overlap. The early read of an account answers its first get, if that comes within
 * READ_AHEAD_MAX_AGE_MS of the read's start and this process has not written or deleted the account
 * in between. Every other call goes to `keychain`. A failed early read fails that get with the same
 * typed error, and is otherwise dropped, never left as an unhandled rejection.
 */
export function withReadAhead(
  keychain: Keychain,
  accounts: readonly string[],
  now: () => number = monotonicMs,
): Keychain {
  const early = new Map<string, { value: Promise<string | null>; startedAt: number }>();
  for (const account of accounts) {
    const value = keychain.get(account);
    value.catch(() => undefined);
    early.set(account, { value, startedAt: now() });
  }

  function get(account: string): Promise<string | null> {
    const read = early.get(account);
    early.delete(account);
    return read && now() - read.startedAt <= READ_AHEAD_MAX_AGE_MS ? read.value : keychain.get(account);
  }

  return {
    service: keychain.service,
    get,
    set(account, value, options) {
      early.delete(account);
      return keychain.set(account, value, options);
    },
    delete(account) {
      early.delete(account);
      return keychain.delete(account);
    },
    listAccounts: () => keychain.listAccounts(),
  };
}
