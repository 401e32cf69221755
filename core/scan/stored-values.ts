import type { KeyRecord } from '../keys/key-record';
import type { KeyService } from '../keys/key-service';

/** A value found by a scan, with what the scan knows about whose it is. */
export interface FoundValue {
  provider: string | null;
  envVar: string;
  secret: string;
}

/**
 * For each found value, the key that already stores it, or null; so scanning the same project a
 * second time points at the keys the first scan made instead of storing every value twice. Only
 * keys that could hold the value are read (same provider, or same env var), never the whole
 * keychain, which takes about a second per 500 entries on gnome-keyring. No use is recorded:
 * comparing is not using.
 */
export async function alreadyStored(keys: KeyService, found: readonly FoundValue[]): Promise<(KeyRecord | null)[]> {
  const records = await keys.all();
  const values = new Map<string, string | null>();
  const valueOf = async (record: KeyRecord): Promise<string | null> => {
    if (!values.has(record.id)) values.set(record.id, await keys.peekValue(record.id));
    return values.get(record.id) ?? null;
  };
  const matches: (KeyRecord | null)[] = [];
  for (const item of found) {
    let match: KeyRecord | null = null;
    for (const record of records) {
      const candidate = (item.provider !== null && record.provider === item.provider) || record.envVar === item.envVar;
      if (candidate && (await valueOf(record)) === item.secret) {
        match = record;
        break;
      }
    }
    matches.push(match);
  }
  return matches;
}
