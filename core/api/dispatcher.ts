import type * as z from '../zod';
import { isVaultError, quoteForMessage } from '../errors';
import { fileSystemProblem } from '../fs/file-system-error';
import type { Vault } from '../vault';
import { handlers } from './handlers';
import { operations, type OperationName, type ResultOf } from './operations';
import type { ApiError, Result } from './results';

export type Caller = 'window' | 'cli';
export type Dispatch = (operation: unknown, args: unknown) => Promise<Result<unknown>>;

/**
 * 'recent': an index-only read trusts a session the keychain confirmed under SESSION_RECHECK_MS ago
 * (a search keystroke, a command's second lookup). 'every request': each request asks the keychain,
 * as a new process does: the app's agent answers many CLI processes, and `keystash lock` followed
 * at once by `keystash list` must find the vault locked, as it does without the app.
 */
export type SessionCheck = 'recent' | 'every request';

/**
 * Validates and runs one operation and answers with the Result envelope. It never throws: Electron
 * carries only an error's message over IPC, and a stack trace is no message for a user.
 * `caller` decides which operations exist at all: the window never gets `cli` ones.
 */
export function createDispatcher(
  vault: Vault,
  caller: Caller,
  onInternalError?: (op: string, error: unknown) => void,
  sessionCheck: SessionCheck = 'recent',
): Dispatch {
  return async (operation, rawArgs) => {
    if (typeof operation !== 'string' || !Object.hasOwn(operations, operation)) {
      return failure({ code: 'INVALID_ARGUMENT', message: 'Unknown operation.' });
    }
    const name = operation as OperationName;
    const spec = operations[name];
    if (spec.callers === 'cli' && caller !== 'cli') {
      return failure({ code: 'FORBIDDEN', message: 'This operation is only available from the keystash command line.' });
    }
    const parsed = safeParse(spec.args(), rawArgs ?? {});
    if (!parsed) return failure({ code: 'INVALID_ARGUMENT', message: 'The arguments could not be read.' });
    if (!parsed.success) return failure(describeInvalid(parsed.error));
    try {
      if (!spec.whileLocked) await vault.requireUnlocked({ indexOnly: sessionCheck === 'recent' && 'indexOnly' in spec });
      const run = handlers[name] as (v: Vault, a: unknown) => Promise<unknown>;
      return { ok: true, value: await run(vault, parsed.data) };
    } catch (caught) {
      const error: unknown = fileSystemProblem(caught) ?? caught;
      if (isVaultError(error)) {
        return failure({
          code: error.code,
          message: error.message,
          ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
          ...(error.field !== undefined ? { field: error.field } : {}),
        });
      }
      onInternalError?.(name, error);
      return failure({
        code: 'INTERNAL',
        message: `Keystash hit an unexpected problem while running ${name}. Nothing was changed by the failed step; try again, and report it if it repeats.`,
      });
    }
  };
}

const failure = (error: ApiError): Result<never> => ({ ok: false, error });

/**
 * zod reads the arguments with ordinary property access, so an in-process caller's getter or Proxy
 * that throws would throw out of safeParse; such arguments are unreadable, and answered as such.
 */
function safeParse(schema: z.ZodMiniType, args: unknown): ReturnType<z.ZodMiniType['safeParse']> | null {
  try {
    return schema.safeParse(args);
  } catch {
    return null;
  }
}

/** At most this many unknown field names are quoted (each bounded and escaped by quoteForMessage). */
const QUOTED_KEYS = 3;

/** Names the field and the rule it broke; zod's issue messages never quote the received value. */
function describeInvalid(error: z.core.$ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const what = issue?.code === 'unrecognized_keys' ? unknownFields(issue.keys) : issue?.message;
  return {
    code: 'INVALID_ARGUMENT',
    message: field ? `${field}: ${what ?? 'invalid value'}` : (what ?? 'Invalid arguments.'),
    ...(field ? { field } : {}),
  };
}

/** The same dispatch, with each operation's result type known to the caller (CLI, tests). */
export type TypedDispatch = <N extends OperationName>(operation: N, args: unknown) => Promise<Result<ResultOf<N>>>;
export const typedDispatch = (dispatch: Dispatch): TypedDispatch => dispatch as TypedDispatch;

function unknownFields(keys: readonly string[]): string {
  const quoted = keys.slice(0, QUOTED_KEYS).map((k) => quoteForMessage(k)).join(', ');
  const more = keys.length > QUOTED_KEYS ? ` and ${keys.length - QUOTED_KEYS} more` : '';
  return `Unknown field${keys.length === 1 ? '' : 's'} ${quoted}${more}.`;
}
