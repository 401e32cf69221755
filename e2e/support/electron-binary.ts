import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

export const ELECTRON_SKIP_LINE =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the electron driver runs where it is.';

/**
 * The Electron executable, or null when it is not installed. This reads what the `electron`
 * package's index.js reads, without requiring it: that require downloads the binary when it is
 * missing, and a test run must never reach the network.
 */
export function electronExecutable(): string | null {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override ? join(override, relative || 'electron') : relative ? join(pkg, 'dist', relative) : null;
  return executable && existsSync(executable) ? executable : null;
}

/** The app's main script, as package.json names it. */
export function electronMainScript(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main?: string };
  return join(repoRoot, pkg.main ?? 'out/main/index.cjs');
}
