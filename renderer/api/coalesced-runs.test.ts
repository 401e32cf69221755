import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescedRuns } from './coalesced-runs';

/** A run the test finishes by hand, so it can ask again while one is in flight. */
function controlledRun() {
  const finishers: (() => void)[] = [];
  const run = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
  const finishLatest = async () => {
    finishers.at(-1)!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { run, finishLatest };
}

const QUIET_MS = 1_000;

describe('coalescedRuns', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once when nothing is in flight', () => {
    const { run } = controlledRun();
    coalescedRuns(run, QUIET_MS).now();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('never overlaps: requests during a run make exactly one more run, after it', async () => {
    const { run, finishLatest } = controlledRun();
    const runs = coalescedRuns(run, QUIET_MS);
    runs.now();
    runs.now();
    runs.now();
    runs.now();
    expect(run).toHaveBeenCalledTimes(1);
    await finishLatest();
    expect(run).toHaveBeenCalledTimes(2);
    await finishLatest();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('waits for a burst of whenQuiet calls to stop, then runs once', async () => {
    const { run } = controlledRun();
    const runs = coalescedRuns(run, QUIET_MS);
    for (let i = 0; i < 5; i++) {
      runs.whenQuiet();
      await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    }
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('folds a quiet request into a run started meanwhile, and one that falls due during a run into the next', async () => {
    const { run, finishLatest } = controlledRun();
    const runs = coalescedRuns(run, QUIET_MS);
    runs.whenQuiet();
    runs.now();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(run).toHaveBeenCalledTimes(1);

    runs.whenQuiet();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(run).toHaveBeenCalledTimes(1);
    await finishLatest();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('starts nothing once stopped, not even a quiet request already waiting', async () => {
    const { run, finishLatest } = controlledRun();
    const runs = coalescedRuns(run, QUIET_MS);
    runs.now();
    runs.now();
    runs.whenQuiet();
    runs.stop();
    await finishLatest();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    runs.now();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
