import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, type GuardTimer } from './clipboard-guard';
import type { ClipboardPort } from './clipboard-port';

/**
 * An in-memory clipboard; the real one is covered in platform-clipboard.test.ts. The text lives in
 * a closure, so inspecting the guard (which holds this port) shows only what the guard keeps.
 */
function memoryClipboard() {
  let text = '';
  let clears = 0;
  return {
    async write(value: string) {
      text = value;
    },
    async read() {
      return text;
    },
    async clear() {
      text = '';
      clears++;
    },
    /** What a paste would give now. */
    current: () => text,
    /** The user copies something in another app. */
    userCopies: (value: string) => {
      text = value;
    },
    clears: () => clears,
  } satisfies ClipboardPort & Record<string, unknown>;
}

/** Timers the test fires by hand. */
function manualTimers() {
  const timers: Array<{ callback: () => void; ms: number; cleared: boolean; unref: ReturnType<typeof vi.fn> }> = [];
  return {
    timers,
    setTimer: (callback: () => void, ms: number): GuardTimer => {
      const timer = { callback, ms, cleared: false, unref: vi.fn() };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: GuardTimer) => {
      (timer as (typeof timers)[number]).cleared = true;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ClipboardGuard', () => {
  it('clears the copied value when its time is up', async () => {
    const clipboard = memoryClipboard();
    const clock = manualTimers();
    const onCleared = vi.fn();
    const guard = new ClipboardGuard(clipboard, { ...clock, onCleared, now: () => 1_000 });

    expect(await guard.copy('sk-live-1', 20)).toEqual({ clearsAt: 21_000 });
    expect(clipboard.current()).toBe('sk-live-1');
    expect(clock.timers.map((t) => t.ms)).toEqual([20_000]);

    const waited = guard.waitForClear();
    clock.timers[0]!.callback();
    await waited;
    expect(clipboard.current()).toBe('');
    expect(onCleared).toHaveBeenCalledWith('timeout');
  });

  it('leaves what the user copied since', async () => {
    const clipboard = memoryClipboard();
    const clock = manualTimers();
    const onCleared = vi.fn();
    const guard = new ClipboardGuard(clipboard, { ...clock, onCleared });
    await guard.copy('sk-live-1', 20);
    clipboard.userCopies('something the user copied');
    clock.timers[0]!.callback();
    await guard.waitForClear();
    await flush();
    expect(clipboard.current()).toBe('something the user copied');
    expect(clipboard.clears()).toBe(0);
    expect(onCleared).not.toHaveBeenCalled();
    // The guard forgot the value: even if it shows up again, it is not ours to clear.
    clipboard.userCopies('sk-live-1');
    expect(await guard.clearIfUnchanged('lock')).toBe(false);
  });

  it('lets a newer copy replace the pending clear, even one that already fired', async () => {
    const clipboard = memoryClipboard();
    const clock = manualTimers();
    const guard = new ClipboardGuard(clipboard, clock);
    await guard.copy('first', 20);
    await guard.copy('second', 30);
    expect(clock.timers[0]!.cleared).toBe(true);
    clock.timers[0]!.callback(); // a stale timer that fired anyway
    await flush();
    expect(clipboard.current()).toBe('second');
    clock.timers[1]!.callback();
    await guard.waitForClear();
    expect(clipboard.current()).toBe('');
  });

  it('never clears on a timer with 0 seconds, but still on lock and quit', async () => {
    const clipboard = memoryClipboard();
    const clock = manualTimers();
    const onCleared = vi.fn();
    const guard = new ClipboardGuard(clipboard, { ...clock, onCleared });
    expect(await guard.copy('sk-forever', 0)).toEqual({ clearsAt: null });
    expect(clock.timers).toEqual([]);
    await guard.waitForClear(); // nothing pending
    expect(await guard.clearIfUnchanged('lock')).toBe(true);
    expect(clipboard.current()).toBe('');
    expect(onCleared).toHaveBeenCalledWith('lock');
    expect(await guard.clearIfUnchanged('quit')).toBe(false);
  });

  it('does not hold the process open unless asked to', async () => {
    const clock = manualTimers();
    await new ClipboardGuard(memoryClipboard(), clock).copy('v', 5);
    await new ClipboardGuard(memoryClipboard(), { ...clock, keepProcessAlive: true }).copy('v', 5);
    expect(clock.timers[0]!.unref).toHaveBeenCalled();
    expect(clock.timers[1]!.unref).not.toHaveBeenCalled();
  });

  it('keeps only a digest of the value in memory', async () => {
    const guard = new ClipboardGuard(memoryClipboard(), manualTimers());
    await guard.copy('sk-live-do-not-keep-me', 5);
    expect(inspect(guard, { depth: 10, showHidden: true })).not.toContain('sk-live-do-not-keep-me');
  });

  it('reports a clear that failed to whoever waits, and to onError', async () => {
    const clipboard = memoryClipboard();
    clipboard.read = async () => {
      throw new Error('xsel went away');
    };
    const clock = manualTimers();
    const onError = vi.fn();
    const guard = new ClipboardGuard(clipboard, { ...clock, onError });
    await guard.copy('v', 5);
    const waited = guard.waitForClear();
    clock.timers[0]!.callback();
    await expect(waited).rejects.toThrow('xsel went away');
    await flush();
    expect(onError).toHaveBeenCalled();
  });

  it('keeps the earlier copy pending when a write fails', async () => {
    const clipboard = memoryClipboard();
    const clock = manualTimers();
    const guard = new ClipboardGuard(clipboard, clock);
    await guard.copy('first', 5);
    const write = clipboard.write;
    clipboard.write = async () => {
      throw new Error('no display');
    };
    await expect(guard.copy('second', 5)).rejects.toThrow('no display');
    clipboard.write = write;
    clock.timers[0]!.callback();
    await guard.waitForClear();
    expect(clipboard.current()).toBe('');
  });

  it('refuses a negative or endless delay', async () => {
    const guard = new ClipboardGuard(memoryClipboard(), manualTimers());
    await expect(guard.copy('v', -1)).rejects.toThrow(RangeError);
    await expect(guard.copy('v', Infinity)).rejects.toThrow(RangeError);
  });
});
