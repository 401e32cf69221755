import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from './test/cli-harness';

describe('keystash start-up: the code cache (bin/run-with-code-cache.cjs)', () => {
  const sandbox = useCliSandbox();
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  async function freshFolders() {
    const cacheHome = await mkdtemp(join(tmpdir(), 'keystash-cache-home-'));
    const sharedTemp = await mkdtemp(join(tmpdir(), 'keystash-shared-tmp-'));
    folders.push(cacheHome, sharedTemp);
    return { cacheHome, sharedTemp, cache: join(cacheHome, 'keystash', 'code-cache'), env: { XDG_CACHE_HOME: cacheHome, TMPDIR: sharedTemp } };
  }

  it("keeps one cache per command, private, in the user's cache folder and never in the shared temporary folder", async () => {
    const { sharedTemp, cache, env } = await freshFolders();
    const version = (await sandbox().ok(['--version'], { env })).stdout;
    expect(version).toMatch(/^\d+\.\d+\.\d+\n$/);
    await sandbox().ok(['tags', '--help'], { env });
    const files = await readdir(cache);
    expect(files).toHaveLength(2);
    expect(files.some((name) => name.endsWith('-tags.v8'))).toBe(true);
    expect(files.some((name) => name.endsWith('-other.v8'))).toBe(true); // `--version` names no command
    expect((await stat(cache)).mode & 0o777).toBe(0o700);
    for (const name of files) expect((await stat(join(cache, name))).mode & 0o777).toBe(0o600);
    expect(await readdir(sharedTemp)).toEqual([]);
    // Started from its cache, the CLI answers the same.
    expect((await sandbox().ok(['--version'], { env })).stdout).toBe(version);
  });

  it('starts normally from a damaged cache, replaces it, and removes caches of other builds', async () => {
    const { cache, env } = await freshFolders();
    const version = (await sandbox().ok(['--version'], { env })).stdout;
    const [current] = await readdir(cache);
    await writeFile(join(cache, current!), 'not a code cache');
    await writeFile(join(cache, 'keystash-0000000000000000-v0.0.0-x64-get.v8'), 'an older build');
    expect((await sandbox().ok(['--version'], { env })).stdout).toBe(version);
    expect(await readdir(cache)).toEqual([current]);
    expect((await stat(join(cache, current!))).size).toBeGreaterThan(1000);
  });
});
