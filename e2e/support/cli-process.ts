import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';
import type { VaultLocation } from './test-vault-home';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `keystash` command (bin/keystash, the built CLI) as a second process on the test's
 * vault, as a user would in a terminal beside the app. A value goes in on stdin, never in argv.
 */
export function runKeystashCli(location: VaultLocation, args: readonly string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'keystash.cjs'), ...args], {
      cwd: repoRoot,
      env: location.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
