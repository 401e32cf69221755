import { readFile } from 'node:fs/promises';
import { DotenvScanMismatch, scanDotenv, type ScannedDotenv } from '../../core/env/dotenv-scan';
import { CliError, usageError } from '../errors';
import { EXIT } from '../exit-codes';
import { printable } from '../io/output';

export interface LoadedEnvFile {
  path: string;
  text: string;
  scanned: ScannedDotenv;
}

/** A text file the user named (a .env file, a template); one that cannot be read is a usage error naming it. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw usageError(`Cannot read ${printable(path)}: ${why}.`);
  }
}

/** A .env file read as dotenv reads it. */
export async function loadEnvFile(path: string): Promise<LoadedEnvFile> {
  const text = await readTextFile(path);
  try {
    return { path, text, scanned: scanDotenv(text) };
  } catch (error) {
    if (error instanceof DotenvScanMismatch) throw new CliError(`Cannot read ${printable(path)} safely: ${error.message}.`, EXIT.failure);
    throw error;
  }
}
