import { randomUUID } from 'node:crypto';
import { IndexStore } from '../../core/index/index-store';
import { newKeyRecord, type KeyRecord } from '../../core/keys/key-record';
import { createKeytarKeychain } from '../../core/keychain/keytar-keychain';
import type { VaultLocation } from './test-vault-home';

const PROVIDERS = ['Stripe', 'OpenAI', 'GitHub', 'AWS', 'Twilio', 'SendGrid', 'Datadog', 'Sentry'];
const TAG_SETS = [['prod'], ['staging'], ['dev'], ['prod', 'billing'], ['ci'], []];
const BASE_TIME = Date.parse('2025-01-01T00:00:00Z');

/** "Seed key 00042": zero-padded so name order is number order. */
export const seededName = (n: number) => `Seed key ${String(n).padStart(5, '0')}`;

function record(name: string, n: number, fields: Partial<KeyRecord> = {}): KeyRecord {
  const stamp = new Date(BASE_TIME + n * 60_000).toISOString();
  return { ...newKeyRecord(randomUUID(), name, stamp), ...fields };
}

/**
 * Writes `count` numbered key records (and one per `extraNames`) straight into the encrypted
 * index, with NO values in the keychain. Listing and searching read only the index, never a value,
 * so this is enough to test them at scale; writing 10,000 real values would take many minutes,
 * because gnome-keyring rewrites its whole file on every write. The vault must be enrolled first
 * (the index's data key must exist).
 */
export async function seedIndexWithoutValues(location: VaultLocation, count: number, extraNames: string[] = []): Promise<void> {
  const store = new IndexStore(location.home, createKeytarKeychain(location.service));
  await store.update((data) => {
    for (let n = 1; n <= count; n++) {
      data.keys.push(
        record(seededName(n), n, {
          envVar: `SEED_KEY_${String(n).padStart(5, '0')}`,
          provider: PROVIDERS[n % PROVIDERS.length]!,
          tags: [...TAG_SETS[n % TAG_SETS.length]!],
        }),
      );
    }
    extraNames.forEach((name, i) => data.keys.push(record(name, count + i + 1)));
  });
}
