import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, typedDispatch, type TypedDispatch } from '../api/dispatcher';
import { totpCodeAt } from '../auth/totp';
import { createKeytarKeychain } from '../keychain/keytar-keychain';
import type { Keychain } from '../keychain/keychain';
import { Vault, type VaultOptions } from '../vault';

/** A clock the test moves by hand, so 30-second TOTP steps and 15-minute backoffs take no time. */
export function testClock(start = Date.now()) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export interface TestVault {
  vault: Vault;
  home: string;
  service: string;
  keychain: Keychain;
  clock: ReturnType<typeof testClock>;
  dispatch: TypedDispatch;
  /** Opens a second Vault on the same home and keychain, as a restarted app or the CLI would. */
  reopen(options?: Partial<VaultOptions>): Vault;
  /** Enrols through the real TOTP flow and returns the base32 secret and recovery codes. */
  enrol(): Promise<{ secret: string; recoveryCodes: string[] }>;
  /** The code an authenticator shows `steps` 30-second steps from the test clock's now. */
  code(secret: string, steps?: number): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * A vault on the real keychain (the private gnome-keyring of scripts/with-keyring) with its own
 * throwaway home and keychain service name, so tests never share state or touch a real keyring.
 */
export async function createTestVault(options: Partial<VaultOptions> = {}): Promise<TestVault> {
  const home = await mkdtemp(join(tmpdir(), 'keystash-test-'));
  const service = `keystash-test-${randomBytes(6).toString('hex')}`;
  const keychain = options.keychain ?? createKeytarKeychain(service);
  const clock = testClock();
  const make = (extra: Partial<VaultOptions> = {}) =>
    new Vault({ home, keychain, now: clock.now, ...options, ...extra });
  const vault = make();
  const dispatch = typedDispatch(createDispatcher(vault, 'window'));
  const created = new Set<Vault>([vault]);
  return {
    vault,
    home,
    service,
    keychain,
    clock,
    dispatch,
    reopen(extra) {
      const another = make(extra);
      created.add(another);
      return another;
    },
    async enrol() {
      const { secret } = await vault.beginEnrolment();
      const recoveryCodes = await vault.confirmEnrolment(await totpCodeAt(secret, clock.now()));
      return { secret, recoveryCodes };
    },
    code: (secret, steps = 0) => totpCodeAt(secret, clock.now() + steps * 30_000),
    async cleanup() {
      for (const v of created) await v.shutdown().catch(() => undefined);
      await removeServiceEntries(keychain);
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Removes every entry the service holds (the only place a test may call findCredentials). */
async function removeServiceEntries(keychain: Keychain): Promise<void> {
  try {
    const keytar = await import('keytar');
    for (const { account } of await keytar.findCredentials(keychain.service)) {
      await keytar.deletePassword(keychain.service, account);
    }
  } catch {
    // A failure-injection keychain has nothing to clean.
  }
}

/** Every file under `dir`, as text, for "no secret on disk" checks. */
export async function readAllFiles(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: (await readFile(path)).toString('latin1') });
  }
  return out;
}
