import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchSystemLock, type SystemLockWatchOptions } from './system-lock-watch';

type IdleState = ReturnType<SystemLockWatchOptions['powerMonitor']['getSystemIdleState']>;

function fakePowerMonitor() {
  const emitter = new EventEmitter();
  let state: IdleState = 'active';
  const powerMonitor = Object.assign(emitter, { getSystemIdleState: () => state }) as unknown as SystemLockWatchOptions['powerMonitor'];
  return { powerMonitor, emitter, setState: (next: IdleState) => (state = next) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchSystemLock', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('locks on suspend and lock-screen on %s', (platform) => {
    const { powerMonitor, emitter } = fakePowerMonitor();
    const onLock = vi.fn();
    const stop = watchSystemLock({ powerMonitor, platform, onLock });
    emitter.emit('suspend');
    emitter.emit('lock-screen');
    expect(onLock).toHaveBeenCalledTimes(2);
    stop();
    emitter.emit('suspend');
    expect(onLock).toHaveBeenCalledTimes(2);
  });

  it('polls for a locked screen on Linux, and locks once per screen lock', () => {
    const { powerMonitor, setState } = fakePowerMonitor();
    const onLock = vi.fn();
    const stop = watchSystemLock({ powerMonitor, platform: 'linux', onLock, pollMs: 1_000 });
    vi.advanceTimersByTime(3_000);
    expect(onLock).not.toHaveBeenCalled();
    setState('locked');
    vi.advanceTimersByTime(3_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    setState('active');
    vi.advanceTimersByTime(1_000);
    setState('locked');
    vi.advanceTimersByTime(1_000);
    expect(onLock).toHaveBeenCalledTimes(2);
    stop();
    setState('active');
    vi.advanceTimersByTime(1_000);
    setState('locked');
    vi.advanceTimersByTime(1_000);
    expect(onLock).toHaveBeenCalledTimes(2);
  });

  it('does not poll where the OS emits lock-screen', () => {
    const { powerMonitor, setState } = fakePowerMonitor();
    const onLock = vi.fn();
    watchSystemLock({ powerMonitor, platform: 'darwin', onLock, pollMs: 1_000 });
    setState('locked');
    vi.advanceTimersByTime(5_000);
    expect(onLock).not.toHaveBeenCalled();
  });
});
