import type { ArgsOf, Result, ResultOf, WindowOperationName } from './types';

type Operation<N extends WindowOperationName> = (args?: ArgsOf<N>) => Promise<Result<ResultOf<N>>>;

const sessionLostListeners = new Set<() => void>();

/**
 * Calls one contract operation on window.keystash. The contract never throws, but a transport can
 * (the browser host went away), so a rejection is folded into the same Result shape. A LOCKED answer
 * means the session ended behind our back (idle timeout, CLI `lock`, screen lock): every listener is
 * told, so the app drops to the unlock screen even if the `locked` event was missed.
 */
export async function call<N extends WindowOperationName>(name: N, args?: ArgsOf<N>): Promise<Result<ResultOf<N>>> {
  const operation = window.keystash[name] as Operation<N>;
  let result: Result<ResultOf<N>>;
  try {
    result = await operation(args);
  } catch {
    result = {
      ok: false,
      error: { code: 'INTERNAL', message: 'Keystash lost its connection to the vault. Restart the app.' },
    };
  }
  if (!result.ok && result.error.code === 'LOCKED') {
    for (const listener of sessionLostListeners) listener();
  }
  return result;
}

export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}
