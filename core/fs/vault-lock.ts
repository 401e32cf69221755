import lockfile from 'proper-lockfile';
import { VaultError } from '../errors';

/**
 * A cross-process lock on one vault file, shared by the app and the CLI. The lock is a folder
 * `lockPath` next to the file; proper-lockfile refreshes it while held, so a lock left by a killed
 * process goes stale after 10 s and is taken over.
 *
 * proper-lockfile keys its in-process bookkeeping by the target path, so every lock must name its
 * own target (the file it guards), never a shared folder.
 */
export async function lockVaultFile(target: string, lockPath: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(target, {
      lockfilePath: lockPath,
      realpath: false,
      stale: 10_000,
      retries: { retries: 100, factor: 1.2, minTimeout: 5, maxTimeout: 250 },
      // The default throws from a timer and kills the process. A lock that was taken over means a
      // write took longer than 10 s; the write itself is atomic, so report it and carry on.
      onCompromised: (error) => process.emitWarning(`Keystash lock ${lockPath} was compromised: ${error.message}`),
    });
  } catch {
    throw new VaultError('CONFLICT', `Another Keystash process is holding the lock ${lockPath}. Retry in a moment.`);
  }
}
