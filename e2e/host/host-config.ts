import { fileURLToPath } from 'node:url';

export interface HostConfig {
  port: number;
  /** Test-only: passed to the vault as idleMsOverride. The app and the CLI never read this variable. */
  idleMsOverride: number | undefined;
  rendererDir: string;
  bridgeFile: string;
}

/**
 * The host's settings from its environment. KEYSTASH_HOME and KEYSTASH_KEYCHAIN_SERVICE are read by
 * core's openVault, exactly as the app and the CLI read them.
 */
export function readHostConfig(env: NodeJS.ProcessEnv, bundleUrl: string): HostConfig {
  return {
    port: wholeNumber(env.KEYSTASH_HOST_PORT, 'KEYSTASH_HOST_PORT', 0, 65_535) ?? 0,
    idleMsOverride: wholeNumber(env.KEYSTASH_HOST_TEST_IDLE_MS, 'KEYSTASH_HOST_TEST_IDLE_MS', 1_000, 3_600_000),
    // Laid out by scripts/build-node.mjs and electron-vite: out/host/host.js next to out/renderer/.
    rendererDir: fileURLToPath(new URL('../renderer/', bundleUrl)),
    bridgeFile: fileURLToPath(new URL('./host-bridge.js', bundleUrl)),
  };
}

function wholeNumber(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}
