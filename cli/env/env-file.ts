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

/** A .env file read as dotenv reads it; a missing or unreadable file is a usage error that names it. */
export async function loadEnvFile(path: string): Promise<LoadedEnvFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw usageError(`Cannot read ${printable(path)}: ${why}.`);
  }
  try {
    return { path, text, scanned: scanDotenv(text) };
  } catch (error) {
    if (error instanceof DotenvScanMismatch) throw new CliError(`Cannot read ${printable(path)} safely: ${error.message}.`, EXIT.failure);
    throw error;
  }
}
