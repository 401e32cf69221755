// The bench never touches a real login keyring: unless it already runs inside scripts/with-keyring
// (KEYSTASH_IN_KEYRING=1), it runs itself again there, under xvfb-run for the clipboard and browser.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './core-helpers.mjs';
import { onPath } from './processes.mjs';

export function reexecInKeyring(script, name) {
  if (process.env.KEYSTASH_IN_KEYRING === '1') return;
  const command = [process.execPath, script, ...process.argv.slice(2)];
  const inDisplay = onPath('xvfb-run') ? ['xvfb-run', '-a', ...command] : command;
  const wrapped = spawnSync(join(root, 'scripts', 'with-keyring'), inDisplay, { stdio: 'inherit', cwd: root });
  if (wrapped.error) console.error(`${name}: could not start scripts/with-keyring: ${wrapped.error.message}`);
  process.exit(wrapped.status ?? 1);
}
