import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

// child_process is loaded on the first call: the contract's handlers import this file, and every
// CLI start (`keystash get`) would otherwise pay about 3 ms to load it for an export it never makes.
const git = async (file: string, args: string[]) => promisify((await import('node:child_process')).execFile)(file, args);

/**
 * The git work tree a path would be committed from, or null when it is outside any work tree or
 * ignored there (`git rev-parse --is-inside-work-tree`, then `git check-ignore -q`). A tracked
 * file counts as not ignored, as check-ignore reports it. Without git there is nothing to check.
 */
export async function unignoredInWorkTree(path: string): Promise<string | null> {
  const target = resolve(path);
  const folder = dirname(target);
  try {
    const inside = await git('git', ['-C', folder, 'rev-parse', '--is-inside-work-tree']);
    if (inside.stdout.trim() !== 'true') return null;
  } catch {
    return null; // not a work tree (exit 128), or no git at all
  }
  try {
    await git('git', ['-C', folder, 'check-ignore', '-q', '--', target]);
    return null; // exit 0: ignored
  } catch {
    // exit 1: not ignored; anything else: we cannot tell, so treat it as not ignored
  }
  try {
    return (await git('git', ['-C', folder, 'rev-parse', '--show-toplevel'])).stdout.trim();
  } catch {
    return folder;
  }
}

/** What decides whether a file may receive secrets; the CLI and the window each word the refusal. */
export interface SecretsFileFacts {
  folder: boolean;
  exists: boolean;
  /** See unignoredInWorkTree; null also when the caller skipped the check. */
  unignoredWorkTree: string | null;
}

export async function secretsFileFacts(path: string, options: { checkGit: boolean }): Promise<SecretsFileFacts> {
  const existing = await stat(path).catch(() => null);
  return {
    folder: existing?.isDirectory() ?? false,
    exists: existing !== null,
    unignoredWorkTree: options.checkGit ? await unignoredInWorkTree(path) : null,
  };
}
