export interface CoalescedRuns {
  /** Runs now; while a run is in flight, once more after it, however many ask meanwhile. */
  now: () => void;
  /** As `now`, once these calls have stopped for `quietMs`: a burst of them makes one run. */
  whenQuiet: () => void;
  /** No run starts after this; one in flight finishes. */
  stop: () => void;
}

/**
 * For work that is costly and must not overlap, such as listing the keychain: never two runs at
 * once, and requests that arrive during a run are folded into a single run after it, which starts
 * after all of them and so answers each. `run` handles its own failures (a rejection is left
 * unhandled, to be seen, and does not stop later runs).
 */
export function coalescedRuns(run: () => Promise<void>, quietMs: number): CoalescedRuns {
  let running = false;
  let again = false;
  let stopped = false;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;

  const now = () => {
    // The run about to start also answers a request still waiting for quiet.
    clearTimeout(quietTimer);
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void run().finally(() => {
      running = false;
      if (!again) return;
      again = false;
      now();
    });
  };

  const whenQuiet = () => {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(now, quietMs);
  };

  const stop = () => {
    stopped = true;
    clearTimeout(quietTimer);
  };

  return { now, whenQuiet, stop };
}
