import lockfile from 'proper-lockfile';
import { VaultError } from '../errors';
import { ownerAwareFs, removeAbandonedLockAttempts } from './lock-owner';

/** A lock whose holder stopped refreshing it for this long is taken over (proper-lockfile refreshes every 5 s). */
export const LOCK_STALE_MS = 10_000;

/**
 * A cross-process lock on one vault file, shared by the app and the CLI. The lock is a folder
 * `lockPath` next to the file; proper-lockfile refreshes it while held, so a lock left by a killed
 * process goes stale after 10 s and is taken over. Sooner when its owner is known to be gone: each
 * lock folder records its holder (see lock-owner.ts), and a writer that finds the recorded process
 * dead takes the lock over at once. The 10 s stay for owners that cannot be judged; they are
 * not shortened, because a live holder whose refresh is held up (a slow disk, a suspended laptop)
 * for longer than the stale time loses its lock to the next writer.
 *
 * proper-lockfile keys its in-process bookkeeping by the target path, so every lock must name its
 * own target (the file it guards), never a shared folder.
 */
export async function lockVaultFile(target: string, lockPath: string): Promise<() => Promise<void>> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      lockfilePath: lockPath,
      realpath: false,
      stale: LOCK_STALE_MS,
      fs: ownerAwareFs,
      retries: { retries: 100, factor: 1.2, minTimeout: 5, maxTimeout: 250 },
      // The default throws from a timer and kills the process. A lock that was taken over means a
      // write took longer than 10 s; the write itself is atomic, so report it and carry on.
      onCompromised: (error) => process.emitWarning(`Keystash lock ${lockPath} was compromised: ${error.message}`),
    });
  } catch {
    throw new VaultError('CONFLICT', `Another Keystash process is holding the lock ${lockPath}. Retry in a moment.`);
  }
  await removeAbandonedLockAttempts(lockPath).catch(() => undefined);
  return release;
}
