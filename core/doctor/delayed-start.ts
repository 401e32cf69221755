/** A task that starts after a delay, unless it is cancelled first. */
export interface DelayedStart<T> {
  /** The task's result; rejected with the cancel reason if it was cancelled before it started. */
  result: Promise<T>;
  /** Stops a task that has not started yet; one already running finishes. */
  cancel(reason: Error): void;
}

export function startAfter<T>(delayMs: number, task: () => Promise<T>): DelayedStart<T> {
  let cancel: (reason: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, delayMs);
    cancel = (reason) => {
      clearTimeout(timer);
      reject(reason);
    };
  });
  const result = started.then(task);
  // A result nobody asks for must not become an unhandled rejection.
  result.catch(() => undefined);
  return { result, cancel };
}
