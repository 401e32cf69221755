// A throwaway vault for the CLI figures: its own KEYSTASH_HOME and keychain service in the private
// keyring of scripts/with-keyring, enrolled through the built CLI the way cli/test/cli-harness.ts
// does it (codes computed from the enrolment secret), with auto-lock at its longest so the session
// stays open for the whole bench.
import { join } from 'node:path';
import { loadCoreHelpers, root } from './core-helpers.mjs';
import { runProcess } from './processes.mjs';

export const CLI = join(root, 'bin', 'keystash.cjs');

export async function createBenchVault() {
  const core = await loadCoreHelpers();
  const location = await core.createVaultLocation();
  const cli = (args, options = {}) => runProcess(process.execPath, [CLI, ...args], { env: location.env, ...options });
  try {
    const begun = JSON.parse((await cli(['init', '--json'])).stdout);
    const secret = new URL(begun.otpauthUri).searchParams.get('secret');
    await cli(['init', '--confirm', await core.totpCodeAt(secret, Date.now()), '--json']);
    await cli(['settings', '--auto-lock', '240']);
  } catch (error) {
    await core.removeVaultLocation(location);
    throw error;
  }
  return {
    ...location,
    cli,
    /** Adds one key, its value on stdin as a user would pipe it. */
    add: (name, value, tags = []) => cli(['add', name, ...tags.flatMap((t) => ['--tag', t])], { input: value }),
    close: () => core.removeVaultLocation(location),
  };
}

/** A made-up value of the shape of an API key; never a real one. */
export function fakeKeyValue(n) {
  return `sk_bench_${String(n).padStart(6, '0')}_${'x'.repeat(24)}`;
}
