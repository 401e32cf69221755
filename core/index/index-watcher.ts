import { mkdirSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { IndexStore } from './index-store';

/**
 * Calls `onChange` when another process (the CLI) rewrites the index. The folder is watched rather
 * than the file because atomic writes replace the file, which ends a watch on the old inode.
 * Bursts of events are coalesced into one call.
 */
export function watchIndexFile(index: IndexStore, onChange: () => void): () => void {
  const name = basename(index.path);
  let timer: NodeJS.Timeout | null = null;
  let watcher: ReturnType<typeof watch>;
  try {
    // The folder is created up front (0700, as ever) so a vault enrolled later is watched too.
    mkdirSync(dirname(index.path), { recursive: true, mode: 0o700 });
    watcher = watch(dirname(index.path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void index.changedOnDisk().then((changed) => changed && onChange());
      }, 100);
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
