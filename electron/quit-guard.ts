export interface QuitGuardOptions {
  /** vault.shutdown(): clears a copied value still on the clipboard and ends the session. */
  shutdown: () => Promise<void>;
  /** app.quit(), called again once shutdown has finished. */
  quit: () => void;
  /** A keychain that hangs on D-Bus must not keep the app from quitting. */
  timeoutMs: number;
  onError?: (error: unknown) => void;
}

/**
 * The `before-quit` listener. Electron does not wait for a promise in an event listener, so the
 * first quit is held back (preventDefault), the asynchronous shutdown runs, and quit is called again;
 * that second quit, and any quit after it, goes through.
 */
export function createQuitGuard(options: QuitGuardOptions): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'shutting-down' | 'done' = 'running';
  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'shutting-down') return;
    state = 'shutting-down';
    void settleWithin(options.shutdown, options.timeoutMs)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        state = 'done';
        options.quit();
      });
  };
}

/** Starts `run` now, and settles when it does or after `timeoutMs`, whichever comes first. */
function settleWithin(run: () => Promise<void>, timeoutMs: number): Promise<void> {
  let running: Promise<void>;
  try {
    running = run();
  } catch (error) {
    running = Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Shutdown took longer than ${timeoutMs} ms.`)), timeoutMs);
    running.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
