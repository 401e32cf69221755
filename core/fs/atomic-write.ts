import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * File writes that survive a crash or power loss: a reader sees the old file or the new one, never
 * a torn mix, and only the owner can read what Keystash writes (files 0600, its folder 0700).
 */

const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/** What follows `.<file name>` in a temp file's name (see writeFileAtomic). */
const TEMP_SUFFIX_PATTERN = /^\.[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  // Same folder, so the rename stays on one filesystem and is atomic; random, so two writers
  // (the app and the CLI) never share a temp file.
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await file.chmod(PRIVATE_FILE_MODE); // the umask may have taken bits from the mode above
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Makes the rename itself durable: without it a crash can bring back the old directory entry.
  await syncDirectory(folder);
}

/**
 * Removes the temp files that writeFileAtomic calls for `path` left behind when their process was
 * killed before the rename. Only safe while holding the lock that every writer of `path` takes:
 * then no other write of `path` is in flight, so every such temp file is a leftover. Returns how
 * many were removed.
 */
export async function removeLeftoverTemps(path: string): Promise<number> {
  const prefix = `.${basename(path)}`;
  let removed = 0;
  for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !TEMP_SUFFIX_PATTERN.test(name.slice(prefix.length))) continue;
    await rm(join(dirname(path), name), { force: true });
    removed++;
  }
  return removed;
}

/** Appends one line (a newline is added when missing) and waits until it is on disk. */
export async function appendFileDurable(path: string, line: string): Promise<void> {
  const text = line.endsWith('\n') ? line : `${line}\n`;
  const file = await open(path, 'a', PRIVATE_FILE_MODE);
  let created: boolean;
  try {
    created = (await file.stat()).size === 0;
    if (created) await file.chmod(PRIVATE_FILE_MODE);
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  // A new file's directory entry must be durable too, or the first line can vanish with the file.
  if (created) await syncDirectory(dirname(path));
}

/**
 * Creates Keystash's own folder (and any missing parents, with default modes) and makes sure the
 * folder itself is 0700, also when it already existed. Parents are not Keystash's to change.
 */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  try {
    await mkdir(path, { mode: PRIVATE_DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // chmod would happily turn a file that sits there into an executable one.
    if (!(await stat(path)).isDirectory()) {
      throw Object.assign(new Error(`${path} exists but is not a folder.`), { code: 'ENOTDIR' });
    }
  }
  await chmod(path, PRIVATE_DIR_MODE); // also fixes a folder made earlier with a looser mode
}

async function syncDirectory(folder: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const directory = await open(folder, 'r');
  try {
    await directory.sync();
  } catch (error) {
    // Some filesystems (network, FUSE) do not support fsync on a directory; the rename still happened.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EPERM') throw error;
  } finally {
    await directory.close();
  }
}
