import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileDurable, ensurePrivateDir, writeFileAtomic } from './atomic-write';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('atomic file writes', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'keystash-fs-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes a new file with mode 0600 and leaves no temp file', async () => {
    const target = join(folder, 'index.json.enc');
    await writeFileAtomic(target, 'first');
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await modeOf(target)).toBe(0o600);
    expect(await readdir(folder)).toEqual(['index.json.enc']);
  });

  it('replaces an existing file, bytes included, and tightens its mode', async () => {
    const target = join(folder, 'index.json.enc');
    await writeFile(target, 'old', { mode: 0o644 });
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
    expect(await modeOf(target)).toBe(0o600);
  });

  it('leaves one complete version when writers race', async () => {
    const target = join(folder, 'index.json.enc');
    const versions = Array.from({ length: 20 }, (_, i) => `version-${i}-${'x'.repeat(10_000)}`);
    await Promise.all(versions.map((text) => writeFileAtomic(target, text)));
    expect(versions).toContain(await readFile(target, 'utf8'));
    expect(await readdir(folder)).toEqual(['index.json.enc']);
  });

  it('removes its temp file when the rename fails', async () => {
    const target = join(folder, 'taken');
    await mkdir(join(target, 'child'), { recursive: true }); // a non-empty folder cannot be renamed over
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['taken']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(folder, 'missing', 'file'), 'data')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('private folders', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'keystash-fs-'));
    await chmod(folder, 0o755);
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates the folder 0700 and leaves the parents it creates alone', async () => {
    const home = join(folder, 'parent', 'Keystash');
    await ensurePrivateDir(home);
    expect(await modeOf(home)).toBe(0o700);
    await mkdir(join(folder, 'plain')); // what mkdir gives under this umask
    expect(await modeOf(join(folder, 'parent'))).toBe(await modeOf(join(folder, 'plain')));
    expect(await modeOf(folder)).toBe(0o755);
  });

  it('tightens an existing folder to 0700 and keeps its contents', async () => {
    const home = join(folder, 'Keystash');
    await mkdir(home, { mode: 0o755 });
    await writeFile(join(home, 'audit.jsonl'), '{}\n');
    await ensurePrivateDir(home);
    expect(await modeOf(home)).toBe(0o700);
    expect(await readdir(home)).toEqual(['audit.jsonl']);
  });

  it('refuses to treat a file as the folder', async () => {
    const home = join(folder, 'Keystash');
    await writeFile(home, 'not a folder', { mode: 0o644 });
    await expect(ensurePrivateDir(home)).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(await modeOf(home)).toBe(0o644);
  });
});

describe('durable appends', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'keystash-fs-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates the file 0600 and appends whole lines', async () => {
    const log = join(folder, 'audit.jsonl');
    await appendFileDurable(log, '{"seq":1}');
    await appendFileDurable(log, '{"seq":2}\n');
    expect(await readFile(log, 'utf8')).toBe('{"seq":1}\n{"seq":2}\n');
    expect(await modeOf(log)).toBe(0o600);
  });
});
