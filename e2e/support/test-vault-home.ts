import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface VaultLocation {
  home: string;
  service: string;
  /** The environment the host or the app is started with: this vault and nothing test-only. */
  env: NodeJS.ProcessEnv;
}

/** A fresh KEYSTASH_HOME and keychain service name, so no test sees another's vault. */
export async function createVaultLocation(): Promise<VaultLocation> {
  const home = await mkdtemp(join(tmpdir(), 'keystash-e2e-'));
  const service = `keystash-e2e-${randomBytes(6).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, KEYSTASH_HOME: home, KEYSTASH_KEYCHAIN_SERVICE: service };
  delete env.KEYSTASH_HOST_TEST_IDLE_MS;
  delete env.KEYSTASH_HOST_PORT;
  return { home, service, env };
}

/**
 * Removes the vault folder and every keychain entry of its service. This is the one place e2e
 * enumerates a keychain service, and only its own throwaway one.
 */
export async function removeVaultLocation(location: VaultLocation): Promise<void> {
  try {
    type Keytar = typeof import('keytar');
    const imported = (await import('keytar')) as Keytar & { default?: Keytar };
    const keytar = imported.default ?? imported;
    for (const { account } of await keytar.findCredentials(location.service)) {
      await keytar.deletePassword(location.service, account);
    }
  } finally {
    await rm(location.home, { recursive: true, force: true });
  }
}
