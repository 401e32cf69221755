import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { IGNORE_FILE_NAMES, isIgnored, readFolderLayer, readOuterLayers, type IgnoreStack } from './ignore-rules';
import { hasBinaryExtension, isEnvFile, LOCK_FILES, SKIPPED_DIRECTORIES } from './skip-rules';

/** A file the walk hands to the reader: its absolute path and its path relative to the root, with `/`. */
export interface WalkedFile {
  absolute: string;
  path: string;
}

/** What the walk passed over without reading, by reason. */
export interface WalkSkips {
  /** Files and folders matched by .gitignore, .keystashignore or .git/info/exclude (a folder counts once). */
  ignored: number;
  /** node_modules, .git, .hg and .svn folders. */
  skippedFolders: number;
  lockFiles: number;
  /** Known binary formats, by extension (files read later can also turn out binary). */
  binary: number;
  /** Symbolic links are not followed: they can leave the tree or loop. */
  symlinks: number;
  /** Folders that could not be listed. */
  unreadable: number;
}

export interface WalkResult {
  files: WalkedFile[];
  skips: WalkSkips;
  /** Ignored .env files, so the CLI can point at `keystash import` for them. */
  ignoredEnvFiles: string[];
}

const ENV_HINT_LIMIT = 20;

/**
 * Lists the files under `root` that a scan should read, in a stable order. Folders are listed one
 * after another: listing is cheap next to reading, and the order keeps results deterministic.
 */
export async function walkTree(root: string, signal?: AbortSignal): Promise<WalkResult> {
  const result: WalkResult = {
    files: [],
    skips: { ignored: 0, skippedFolders: 0, lockFiles: 0, binary: 0, symlinks: 0, unreadable: 0 },
    ignoredEnvFiles: [],
  };
  const toPath = (absolute: string) => (sep === '/' ? relative(root, absolute) : relative(root, absolute).split(sep).join('/'));

  const visit = async (dir: string, inherited: IgnoreStack): Promise<void> => {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      result.skips.unreadable++;
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = entries.filter((e) => e.isFile()).map((e) => e.name);
    const present = IGNORE_FILE_NAMES.filter((name) => names.includes(name));
    const layer = present.length > 0 ? await readFolderLayer(dir, present) : null;
    const stack = layer ? [...inherited, layer] : inherited;

    const subfolders: string[] = [];
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        result.skips.symlinks++;
      } else if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) result.skips.skippedFolders++;
        else if (isIgnored(stack, absolute, true)) result.skips.ignored++;
        else subfolders.push(absolute);
      } else if (entry.isFile()) {
        if (isIgnored(stack, absolute, false)) {
          result.skips.ignored++;
          if (isEnvFile(entry.name) && result.ignoredEnvFiles.length < ENV_HINT_LIMIT) result.ignoredEnvFiles.push(toPath(absolute));
        } else if (LOCK_FILES.has(entry.name)) {
          result.skips.lockFiles++;
        } else if (hasBinaryExtension(entry.name)) {
          result.skips.binary++;
        } else {
          result.files.push({ absolute, path: toPath(absolute) });
        }
      }
      // Sockets, FIFOs and devices are not files anyone commits; reading a FIFO would block.
    }
    for (const folder of subfolders) await visit(folder, stack);
  };

  await visit(root, await readOuterLayers(root));
  return result;
}
