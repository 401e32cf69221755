import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClipboardPort } from './clipboard-port';

export type ClipboardClearReason = 'timeout' | 'lock' | 'quit';

/** A started timer; `unref` lets the process exit while it is pending (Node timers have it). */
export interface GuardTimer {
  unref?(): unknown;
}

export interface ClipboardGuardOptions {
  onCleared?: (reason: ClipboardClearReason) => void;
  /** Reports a clear that failed on the timer, where no caller is there to catch it. */
  onError?: (error: unknown) => void;
  /**
   * Whether a pending clear keeps the process alive. The CLI's `copy` sets it and waits for the
   * clear; the app leaves it off so a pending clear never holds it open after the last window.
   */
  keepProcessAlive?: boolean;
  /** Tests replace the clock. */
  setTimer?: (callback: () => void, ms: number) => GuardTimer;
  clearTimer?: (timer: GuardTimer) => void;
  now?: () => number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Puts a secret on the clipboard and takes it off again after a while, on lock and on quit, but
 * only while the clipboard still holds what we put there: whatever the user copied since is theirs.
 *
 * It remembers a salted SHA-256 digest of the copied value, never the value, so a heap dump of a
 * long-running app shows no secret; the random salt keeps the digest from being matched against
 * guesses elsewhere.
 */
export class ClipboardGuard {
  private readonly salt = randomBytes(32);
  private digest: Buffer | null = null;
  private timer: GuardTimer | null = null;
  /** Bumped by every copy, so a timer that fired for an older copy does not clear a newer one. */
  private generation = 0;
  private waiters: Waiter[] = [];
  /** Copies and clears run one at a time, so a clear never reads the clipboard mid-copy. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly setTimer: (callback: () => void, ms: number) => GuardTimer;
  private readonly clearTimer: (timer: GuardTimer) => void;
  private readonly now: () => number;

  constructor(
    private readonly port: ClipboardPort,
    private readonly options: ClipboardGuardOptions = {},
  ) {
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
    this.now = options.now ?? Date.now;
  }

  /** Copies `value`; it is cleared after `clearAfterSeconds` (0 = never, but still on lock and quit). */
  copy(value: string, clearAfterSeconds: number): Promise<{ clearsAt: number | null }> {
    if (!Number.isFinite(clearAfterSeconds) || clearAfterSeconds < 0) {
      return Promise.reject(new RangeError('clearAfterSeconds must be 0 (never) or a positive number of seconds.'));
    }
    return this.exclusive(async () => {
      // If the write fails, the earlier copy and its pending clear stay as they were: that value
      // is presumably still on the clipboard.
      await this.port.write(value);
      const generation = ++this.generation;
      this.cancelTimer(); // a newer copy replaces the older pending clear
      this.digest = this.digestOf(value);
      if (clearAfterSeconds === 0) {
        this.settleWaiters(null); // nothing will be cleared on a timer, so there is nothing to wait for
        return { clearsAt: null };
      }
      const ms = clearAfterSeconds * 1000;
      const timer = this.setTimer(() => this.onTimer(generation), ms);
      if (!this.options.keepProcessAlive) timer.unref?.();
      this.timer = timer;
      return { clearsAt: this.now() + ms };
    });
  }

  /**
   * Clears the clipboard if it still holds the value this guard copied. Returns whether it cleared.
   * Either way the guard forgets the value: once the user copied something else it is not ours.
   */
  clearIfUnchanged(reason: ClipboardClearReason): Promise<boolean> {
    return this.exclusive(() => this.clearNow(reason));
  }

  /** Resolves once no clear is pending any more (at once when none is); rejects if that clear failed. */
  waitForClear(): Promise<void> {
    if (this.timer === null) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private onTimer(generation: number): void {
    this.exclusive(async () => {
      if (generation !== this.generation) return; // a newer copy took over while we were queued
      await this.clearNow('timeout');
    }).catch((error: unknown) => this.options.onError?.(error));
  }

  private async clearNow(reason: ClipboardClearReason): Promise<boolean> {
    const digest = this.digest;
    this.cancelTimer();
    if (digest === null) {
      this.settleWaiters(null);
      return false;
    }
    try {
      const current = await this.port.read();
      this.digest = null;
      if (!timingSafeEqual(this.digestOf(current), digest)) {
        this.settleWaiters(null);
        return false;
      }
      await this.port.clear();
    } catch (error) {
      this.settleWaiters(error);
      throw error;
    }
    this.settleWaiters(null);
    this.options.onCleared?.(reason);
    return true;
  }

  private digestOf(text: string): Buffer {
    return createHash('sha256').update(this.salt).update(text, 'utf8').digest();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private settleWaiters(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (error === null) waiter.resolve();
      else waiter.reject(error);
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
