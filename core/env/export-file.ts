import { VaultError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { secretsFileFacts } from '../fs/git-guard';
import type { ExportFormat } from './export-options';

/** The file name a save dialog proposes for each format. */
export const DEFAULT_EXPORT_NAMES: Record<ExportFormat, string> = {
  dotenv: 'keystash.env',
  shell: 'keystash-env.sh',
  json: 'keystash.json',
  k8s: 'keystash-secret.yaml',
};

export interface ExportFileCheck {
  unignoredWorkTree: string | null;
  exists: boolean;
}

/** What to warn about before values go to `path`: a git work tree that could commit it, an existing file. */
export async function checkExportFile(path: string): Promise<ExportFileCheck> {
  const { folder, exists, unignoredWorkTree } = await secretsFileFacts(path, { checkGit: true });
  if (folder) throw new VaultError('INVALID_ARGUMENT', `${path} is a folder; choose a file name.`);
  return { unignoredWorkTree, exists };
}

/**
 * Writes an export the way `keystash export -o` does: refused where git could commit it unless the
 * user said Save anyway, never over a file the user was not asked about, atomically and 0600.
 * The checks run again here: the file system may have changed since the dialog.
 */
export async function writeExportFile(
  path: string,
  content: () => Promise<string>,
  allowed: { tracked: boolean; overwrite: boolean },
): Promise<void> {
  const check = await checkExportFile(path);
  if (check.exists && !allowed.overwrite) {
    throw new VaultError('CONFLICT', `${path} already exists. Choose another name, or confirm that it may be replaced.`);
  }
  if (check.unignoredWorkTree !== null && !allowed.tracked) {
    throw new VaultError(
      'CONFLICT',
      `${path} is inside the git work tree ${check.unignoredWorkTree} and git does not ignore it, so a commit could publish these secrets. Add it to .gitignore, save it outside the repository, or choose Save anyway.`,
    );
  }
  await writeFileAtomic(path, await content());
}
