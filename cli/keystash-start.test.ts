import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { grepFolder, useCliSandbox } from './test/cli-harness';

describe('keystash start-up: the code cache (bin/run-with-code-cache.cjs)', () => {
  const value = `sk_live_${'c0de'.repeat(8)}`;
  const sandbox = useCliSandbox(async (s) => {
    await s.enrol();
    await s.ok(['add', 'Cached key'], { input: value });
  });
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

  it('never runs an older build from its cache: a rebuilt bundle of the same length gets a cache of its own', async () => {
    const { cache } = await freshFolders();
    const dir = await mkdtemp(join(tmpdir(), 'keystash-bundle-'));
    folders.push(dir);
    const bundle = join(dir, 'bundle.cjs');
    const launcher = join(dir, 'launch.cjs');
    // V8 itself checks only the source's length, so both builds have the same one.
    const build = (release: string) => writeFile(bundle, `process.stdout.write('release ${release}');\n`);
    const runWithCodeCache = fileURLToPath(new URL('../bin/run-with-code-cache.cjs', import.meta.url));
    await writeFile(launcher, `require(${JSON.stringify(runWithCodeCache)}).runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)}, 'get');\n`);
    const launch = () => execFileSync(process.execPath, [launcher], { encoding: 'utf8' });
    await build('A');
    expect(launch()).toBe('release A');
    expect(launch()).toBe('release A'); // now from its cache
    const [first] = await readdir(cache);
    await rm(bundle);
    await build('B');
    expect(launch()).toBe('release B');
    const after = await readdir(cache);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first);
  });

  it('a command that went another way than its cache holds (the agent, the vault) widens the cache to both', async () => {
    const { cache } = await freshFolders();
    const dir = await mkdtemp(join(tmpdir(), 'keystash-bundle-'));
    folders.push(dir);
    const bundle = join(dir, 'bundle.cjs');
    const launcher = join(dir, 'launch.cjs');
    // Says the way it was given, as cli/code-path.ts does, and which function ran.
    await writeFile(bundle, `function agent() { return 'agent'; }\nfunction vault() { return 'vault'; }\nconst way = process.env.WAY;\nglobalThis[Symbol.for('keystash.codeCache.way')]?.(way);\nprocess.stdout.write(way === 'agent' ? agent() : way === 'vault' ? vault() : String(way));\n`);
    const runWithCodeCache = fileURLToPath(new URL('../bin/run-with-code-cache.cjs', import.meta.url));
    await writeFile(launcher, `require(${JSON.stringify(runWithCodeCache)}).runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)}, 'get');\n`);
    const launch = (way: string) => execFileSync(process.execPath, [launcher], { encoding: 'utf8', env: { ...process.env, WAY: way } });
    const files = async () => (await readdir(cache)).map((name) => name.replace(/^.*-get/, '-get'));

    expect(launch('agent')).toBe('agent');
    expect(await files()).toEqual(['-get.agent.v8']);
    const [made] = await readdir(cache);
    const madeAt = (await stat(join(cache, made!))).mtimeMs;
    expect(launch('agent')).toBe('agent'); // from its cache, which holds that way: not written again
    expect((await stat(join(cache, made!))).mtimeMs).toBe(madeAt);
    expect(launch('vault')).toBe('vault');
    expect(await files()).toEqual(['-get.agent+vault.v8']);
    expect(launch('agent')).toBe('agent');
    expect(launch('Not a way!')).toBe('Not a way!'); // ignored: it names no file
    expect(await files()).toEqual(['-get.agent+vault.v8']);
  });

  it('never holds a value it handled: the cache made right after a get is code, not data', async () => {
    const { cache, env } = await freshFolders();
    expect((await sandbox().ok(['get', 'Cached key'], { env })).stdout).toBe(value);
    expect((await readdir(cache)).some((name) => name.endsWith('-get.vault.v8'))).toBe(true);
    expect(await grepFolder(cache, value)).toEqual([]);
  });

  it('loads no built-in module that a get does not use (each costs milliseconds of every start)', async () => {
    const { cacheHome, env } = await freshFolders();
    const probe = join(cacheHome, 'probe.cjs');
    const loaded = join(cacheHome, 'loaded.json');
    await writeFile(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));\n`);
    const probed = { ...env, NODE_OPTIONS: `--require ${probe}` };
    expect((await sandbox().ok(['get', 'Cached key'], { env: probed })).stdout).toBe(value);
    const builtins = (JSON.parse(await readFile(loaded, 'utf8')) as string[]).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
    expect(builtins).toContain('crypto'); // the probe saw the command's own modules
    // assert (signal-exit's), perf_hooks (performance.now), child_process (commander's, git-guard's).
    expect(builtins.filter((m) => ['assert', 'perf_hooks', 'child_process'].includes(m))).toEqual([]);
  });

  it('ignores a cache folder that others can write: nothing is read from it or written to it', async () => {
    const { cache, env } = await freshFolders();
    await mkdir(cache, { recursive: true });
    await chmod(cache, 0o777);
    const version = (await sandbox().ok(['--version'], { env })).stdout;
    expect(version).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await readdir(cache)).toEqual([]);
  });
});
