import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Git's ignore semantics over a tree: `.gitignore` in every folder (and `.keystashignore`, same
 * syntax, for what should stay in git but out of a scan), plus `.git/info/exclude`. A deeper file
 * overrides a shallower one, within a file the last matching line wins, and nothing inside an
 * ignored folder can be re-included (the walk never enters it). The `ignore` package implements
 * the pattern language exactly as `git check-ignore` does.
 */

export const IGNORE_FILE_NAMES = ['.gitignore', '.keystashignore'] as const;

/** The patterns of one folder, matched against paths relative to that folder. */
export interface IgnoreLayer {
  dir: string;
  matcher: Ignore;
}

/** Outermost first, as the walk builds them. */
export type IgnoreStack = readonly IgnoreLayer[];

// Git matches case-insensitively where the file system does (core.ignorecase).
const ignoreCase = process.platform === 'darwin' || process.platform === 'win32';

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Whether `absolute` (a file, or a folder when `isDirectory`) is ignored: the deepest layer that has an opinion decides. */
export function isIgnored(stack: IgnoreStack, absolute: string, isDirectory: boolean): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const layer = stack[i]!;
    const rel = toPosix(relative(layer.dir, absolute));
    if (rel === '' || rel.startsWith('..')) continue;
    const result = layer.matcher.test(isDirectory ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** The layer for one folder, from whichever of its ignore files exist (null when none has a rule). */
export async function readFolderLayer(dir: string, present: readonly string[]): Promise<IgnoreLayer | null> {
  const texts = await Promise.all(
    IGNORE_FILE_NAMES.filter((name) => present.includes(name)).map((name) => readIfPresent(join(dir, name))),
  );
  return layerOf(dir, texts);
}

/**
 * The layers that apply to `root` from outside it: when it is inside a git work tree, the
 * repository's info/exclude and the ignore files of every folder from the work tree's top down
 * to root's parent, as git itself would apply them.
 */
export async function readOuterLayers(root: string): Promise<IgnoreLayer[]> {
  const top = await findWorkTreeTop(root);
  if (!top) return [];
  const layers: IgnoreLayer[] = [];
  const exclude = layerOf(top.dir, [await readIfPresent(join(top.gitDir, 'info', 'exclude'))]);
  if (exclude) layers.push(exclude);
  const between: string[] = [];
  if (root !== top.dir) {
    for (let dir = dirname(root); ; dir = dirname(dir)) {
      between.unshift(dir);
      if (dir === top.dir || dirname(dir) === dir) break;
    }
  }
  for (const dir of between) {
    const layer = await readFolderLayer(dir, IGNORE_FILE_NAMES);
    if (layer) layers.push(layer);
  }
  return layers;
}

/** The folder holding `.git` at or above `start`, and the git directory it names. */
async function findWorkTreeTop(start: string): Promise<{ dir: string; gitDir: string } | null> {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const pointer = await readIfPresent(dotGit);
    if (pointer !== null) {
      // A worktree or submodule: `.git` is a file that says where the git directory is.
      const named = /^gitdir:\s*(.+)$/m.exec(pointer)?.[1]?.trim();
      if (named) return { dir, gitDir: resolve(dir, named) };
    } else if (await isDirectory(dotGit)) {
      return { dir, gitDir: dotGit };
    }
    if (dirname(dir) === dir) return null;
  }
}

function layerOf(dir: string, texts: readonly (string | null)[]): IgnoreLayer | null {
  const patterns = texts.filter((t): t is string => t !== null && t.trim() !== '');
  if (patterns.length === 0) return null;
  const matcher = ignore({ ignorecase: ignoreCase });
  // One add per file: a string is split into lines, an array element would be taken as one pattern.
  for (const text of patterns) matcher.add(text);
  return { dir, matcher };
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
