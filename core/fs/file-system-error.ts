import { VaultError } from '../errors';

/**
 * Turns a Node file-system error (a folder where the index should be, a full disk, a permission)
 * into a message that names the file and what to do. Paths are not secret; values never appear in
 * a Node fs error. Anything else is left to the caller (null). `knownPath` names the file when the
 * error does not: a read of a folder fails with EISDIR and no path.
 */
export function fileSystemProblem(error: unknown, knownPath?: string): VaultError | null {
  if (!(error instanceof Error) || !('syscall' in error)) return null;
  const { code, path = knownPath } = error as NodeJS.ErrnoException;
  const file = path ? `"${path}"` : 'a file in the vault folder';
  const why = REASONS[code ?? ''];
  if (!why) return null;
  return new VaultError('STORAGE_UNAVAILABLE', `Keystash could not use ${file}: ${why}`);
}

const REASONS: Record<string, string> = {
  EISDIR: 'it is a folder where Keystash expects a file. Move the folder aside, then try again.',
  ENOTDIR: 'part of its path is a file where Keystash expects a folder. Move that file aside, then try again.',
  EACCES: 'permission denied. Give your user account read and write access to it (and its folder), then try again.',
  EPERM: 'the operation is not permitted. Give your user account read and write access to it (and its folder), then try again.',
  ENOSPC: 'the disk is full. Free some space, then try again.',
  EDQUOT: 'your disk quota is used up. Free some space, then try again.',
  EROFS: 'it is on a read-only file system. Point KEYSTASH_HOME at a writable folder, then try again.',
  EIO: 'the disk reported an input/output error. Check the disk, then try again.',
  EMFILE: 'too many files are open. Close some programs, then try again.',
  ENFILE: 'too many files are open on this system. Close some programs, then try again.',
};
