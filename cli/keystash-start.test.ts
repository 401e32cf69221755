import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from './test/cli-harness';

describe('keystash start-up', () => {
  const sandbox = useCliSandbox();
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it("keeps its compile cache in the user's cache folder, never in the shared temporary folder", async () => {
    const cacheHome = await mkdtemp(join(tmpdir(), 'keystash-cache-home-'));
    const sharedTemp = await mkdtemp(join(tmpdir(), 'keystash-shared-tmp-'));
    folders.push(cacheHome, sharedTemp);
    const env = { XDG_CACHE_HOME: cacheHome, TMPDIR: sharedTemp };
    const first = await sandbox().ok(['--version'], { env });
    // The second start reads what the first wrote; it must print the same.
    expect((await sandbox().ok(['--version'], { env })).stdout).toBe(first.stdout);
    expect(first.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await readdir(join(cacheHome, 'keystash', 'compile-cache'))).not.toEqual([]);
    expect(await readdir(sharedTemp)).toEqual([]);
  });
});
