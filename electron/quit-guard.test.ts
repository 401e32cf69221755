import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from './quit-guard';

const quitEvent = () => ({ preventDefault: vi.fn() });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createQuitGuard', () => {
  it('holds the first quit until shutdown finished, then quits for real', async () => {
    let finish: () => void = () => undefined;
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard({ shutdown, quit, timeoutMs: 5_000 });

    const first = quitEvent();
    guard(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);

    const impatient = quitEvent();
    guard(impatient);
    expect(impatient.preventDefault).toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();

    finish();
    await vi.runAllTimersAsync();
    expect(quit).toHaveBeenCalledTimes(1);

    const final = quitEvent();
    guard(final);
    expect(final.preventDefault).not.toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);
  });

  it('quits anyway when shutdown fails or hangs', async () => {
    const onError = vi.fn();
    const failing = vi.fn();
    createQuitGuard({ shutdown: () => Promise.reject(new Error('keychain gone')), quit: failing, timeoutMs: 5_000, onError })(quitEvent());
    await vi.runAllTimersAsync();
    expect(failing).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'keychain gone' }));

    const hanging = vi.fn();
    createQuitGuard({ shutdown: () => new Promise<void>(() => undefined), quit: hanging, timeoutMs: 5_000 })(quitEvent());
    await vi.advanceTimersByTimeAsync(4_999);
    expect(hanging).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(hanging).toHaveBeenCalledTimes(1);
  });

  it('survives a shutdown that throws synchronously', async () => {
    const quit = vi.fn();
    createQuitGuard({
      shutdown: () => {
        throw new Error('boom');
      },
      quit,
      timeoutMs: 5_000,
    })(quitEvent());
    await vi.runAllTimersAsync();
    expect(quit).toHaveBeenCalledTimes(1);
  });
});
