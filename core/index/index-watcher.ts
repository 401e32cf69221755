import { mkdirSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { IndexStore } from './index-store';

/** A burst of events (one atomic write raises several) settles for this long before the file is looked at. */
export const WATCH_SETTLE_MS = 100;
/** At most one look per this long, however busy another process is: the window reloads on each call. */
export const WATCH_MIN_GAP_MS = 250;

/**
 * Calls `onChange` when another process (the CLI) rewrites the index. The folder is watched rather
 * than the file because atomic writes replace the file, which ends a watch on the old inode.
 *
 * Events are coalesced: the first one schedules a look WATCH_SETTLE_MS later and those that follow
 * join it, rather than pushing it back (a debounce that restarts on every event would never fire
 * while another process keeps writing). This process's own writes, and a file already reported,
 * are not reported.
 */
export function watchIndexFile(index: IndexStore, onChange: () => void): () => void {
  const name = basename(index.path);
  let timer: NodeJS.Timeout | null = null;
  let lastLook = 0;
  let reported: string | null = null;
  let watcher: ReturnType<typeof watch>;

  const look = async () => {
    const stamp = await index.foreignStamp();
    if (stamp === null || stamp === reported) return;
    reported = stamp;
    onChange();
  };

  try {
    // The folder is created up front (0700, as ever) so a vault enrolled later is watched too.
    mkdirSync(dirname(index.path), { recursive: true, mode: 0o700 });
    watcher = watch(dirname(index.path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = null;
          lastLook = Date.now();
          void look();
        },
        Math.max(WATCH_SETTLE_MS, lastLook + WATCH_MIN_GAP_MS - Date.now()),
      );
      timer.unref();
    });
  } catch {
    // The platform cannot watch this folder: the app still works, it just refreshes on its own use.
    return () => undefined;
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
