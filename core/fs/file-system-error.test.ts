import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystemProblem } from './file-system-error';

describe('fileSystemProblem', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const folder of made) await rm(folder, { recursive: true, force: true });
  });
  const folder = async () => {
    const path = await mkdtemp(join(tmpdir(), 'keystash-fs-error-'));
    made.push(path);
    return path;
  };

  it('names the file and the fix for a folder where a file should be', async () => {
    const path = await folder();
    const error = await readFile(path).catch((e: unknown) => e);
    expect(fileSystemProblem(error)?.message).toMatch(/^Keystash could not use a file in the vault folder: it is a folder/);
    const problem = fileSystemProblem(error, path);
    expect(problem?.code).toBe('STORAGE_UNAVAILABLE');
    expect(problem?.message).toBe(`Keystash could not use "${path}": it is a folder where Keystash expects a file. Move the folder aside, then try again.`);
  });

  it('names the file and the fix for a file where a folder should be', async () => {
    const file = join(await folder(), 'not-a-folder');
    await writeFile(file, '');
    const error = await readFile(join(file, 'index.json.enc')).catch((e: unknown) => e);
    expect(fileSystemProblem(error)?.message).toMatch(/part of its path is a file where Keystash expects a folder/);
  });

  it('leaves a missing file and errors that are not about files to the caller', async () => {
    const missing = await readFile(join(await folder(), 'missing')).catch((e: unknown) => e);
    expect(fileSystemProblem(missing)).toBeNull();
    expect(fileSystemProblem(new Error('EISDIR'))).toBeNull();
    expect(fileSystemProblem('EACCES')).toBeNull();
  });
});
