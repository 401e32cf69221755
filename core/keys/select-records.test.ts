import { describe, expect, it } from 'vitest';
import { newKeyRecord, type KeyRecord } from './key-record';
import { summarise } from './key-summary';
import { selectRecords, type ListKeysQuery } from './select-records';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * 3,000 keys added in an order unrelated to their names, with repeated dates (ties for the date
 * sorts), shared words (more than 1,000 matches for some queries), notes, tags, and some keys due
 * for rotation, expiring or unused.
 */
function vault(): KeyRecord[] {
  const words = ['stripe', 'Stripe', 'openai', 'github', 'Café', 'zephyr', '🔑', 'ÅWS', 'db'];
  const records: KeyRecord[] = [];
  for (let n = 0; n < 3_000; n++) {
    const scrambled = (n * 7_919) % 3_000;
    const name = `${words[n % words.length]} ${String(scrambled).padStart(4, '0')}${n % 5 === 0 ? ' live' : ''}`;
    const record = newKeyRecord(`id-${n}`, name, iso(NOW - (n % 40) * DAY));
    records.push({
      ...record,
      envVar: n % 3 === 0 ? `KEY_${scrambled}` : null,
      provider: n % 4 === 0 ? 'Stripe' : null,
      tags: n % 6 === 0 ? ['prod'] : n % 6 === 1 ? ['dev', 'billing'] : [],
      notes: n % 10 === 0 ? 'signs webhook events for the shop' : '',
      lastUsedAt: n % 7 === 0 ? null : iso(NOW - (n % 11) * DAY),
      rotateEveryDays: n % 9 === 0 ? 30 : null,
      rotatedAt: n % 9 === 0 ? iso(NOW - 60 * DAY) : null,
      expiresAt: n % 13 === 0 ? iso(NOW + 3 * DAY) : null,
    });
  }
  return records;
}

const QUERIES: ListKeysQuery[] = [
  {},
  { query: 's' },
  { query: 'stripe' },
  { query: 'strpe' },
  { query: 'cafe' },
  { query: '🔑' },
  { query: '00' },
  { query: 'webhook' },
  { query: 'live', tags: ['prod'] },
  { tags: ['billing'] },
  { filter: 'rotationDue' },
  { filter: 'expiringSoon', sort: 'created' },
  { filter: 'unused' },
  { sort: 'lastUsed' },
  { sort: 'created' },
  { query: 'stripe', sort: 'lastUsed' },
  { query: 'github', sort: 'name' },
  { query: 'db', limit: 50 },
  { limit: 100 },
];

describe('selectRecords', () => {
  it('gives the window, searching the name-ordered summaries it holds, the vault’s own answer over the index', () => {
    const records = vault();
    // What the window holds: listKeys({}) as summaries (new objects, as JSON would make them), by name.
    const held = selectRecords(records, {}, NOW).map((record) => ({ ...summarise(record, NOW) }));
    expect(held.map((k) => k.name)).not.toEqual(records.map((k) => k.name));
    for (const query of QUERIES) {
      const vaultIds = selectRecords(records, query, NOW).map((k) => k.id);
      const windowIds = selectRecords(held, query, NOW, 'name').map((k) => k.id);
      expect(windowIds, JSON.stringify(query)).toEqual(vaultIds);
    }
  });

  it('lists more than 1,000 matches, and matches of equal rank, in name order', () => {
    const records = vault();
    const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;
    // Most names hold a 0, so their matches come first, past uFuzzy's ranking limit of 1,000.
    const nameHits = selectRecords(records, { query: '0' }, NOW)
      .map((k) => k.name)
      .filter((name) => name.includes('0'));
    expect(nameHits.length).toBeGreaterThan(1_000);
    expect(nameHits).toEqual([...nameHits].sort(byName));
    // An emoji is found by the plain substring pass, where no match ranks above another.
    const keys = selectRecords(records, { query: '🔑' }, NOW).map((k) => k.name);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys).toEqual([...keys].sort(byName));
  });
});
