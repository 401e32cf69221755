import type { PowerMonitor } from 'electron';

export interface SystemLockWatchOptions {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off' | 'getSystemIdleState'>;
  platform: NodeJS.Platform;
  /** Called when the screen locks or the machine suspends: main locks the vault. */
  onLock: () => void;
  pollMs?: number;
}

/** getSystemIdleState needs a threshold; only its 'locked' answer matters here. */
const IDLE_THRESHOLD_SECONDS = 60;

/**
 * Locks the vault when the user walks away from the machine. powerMonitor emits 'suspend' on every
 * platform but 'lock-screen' only on macOS and Windows, so on Linux the screen lock is polled instead:
 * Chromium answers getSystemIdleState() with 'locked' when the desktop's screensaver service reports
 * the session locked. Idle time inside Keystash is the vault session's job (vault.watch()).
 */
export function watchSystemLock(options: SystemLockWatchOptions): () => void {
  const { powerMonitor, onLock } = options;
  powerMonitor.on('suspend', onLock);
  powerMonitor.on('lock-screen', onLock);

  let timer: NodeJS.Timeout | null = null;
  if (options.platform !== 'darwin' && options.platform !== 'win32') {
    let wasLocked = false;
    timer = setInterval(() => {
      const locked = powerMonitor.getSystemIdleState(IDLE_THRESHOLD_SECONDS) === 'locked';
      if (locked && !wasLocked) onLock();
      wasLocked = locked;
    }, options.pollMs ?? 5_000);
    timer.unref();
  }

  return () => {
    powerMonitor.off('suspend', onLock);
    powerMonitor.off('lock-screen', onLock);
    if (timer) clearInterval(timer);
  };
}
