import { usageError } from '../errors';
import { printable } from '../io/output';
import { secretsFileFacts } from '../../core/fs/git-guard';

export interface OutputGuards {
  /** Replace an existing file. */
  force?: boolean;
  /** Write inside a git work tree even where git does not ignore the file. */
  allowTracked?: boolean;
}

/**
 * Checks, before any value is read, that a file about to receive secrets may be written: it does
 * not exist yet (or --force), it is not a folder, and a commit cannot pick it up (or --allow-tracked).
 */
export async function checkSecretsFile(path: string, guards: OutputGuards, what = path): Promise<void> {
  const { folder, exists, unignoredWorkTree: workTree } = await secretsFileFacts(path, { checkGit: !guards.allowTracked });
  if (folder) throw usageError(`${printable(what)} is a folder; give a file name.`);
  if (exists && !guards.force) throw usageError(`${printable(what)} already exists; pass --force to overwrite it.`);
  if (workTree !== null) {
    throw usageError(
      `${printable(what)} is inside the git work tree ${printable(workTree)} and git does not ignore it, so a commit could publish the secrets it would hold. Add it to .gitignore, write it outside the repository, or pass --allow-tracked.`,
    );
  }
}
