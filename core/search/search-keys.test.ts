import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newKeyRecord, type KeyRecord } from '../keys/key-record';
import { searchKeys } from './search-keys';

const STAMP = '2026-01-01T00:00:00.000Z';
const key = (name: string, fields: Partial<KeyRecord> = {}): KeyRecord => ({ ...newKeyRecord(randomUUID(), name, STAMP), ...fields });

const RECORDS = [
  key('Café API'),
  key('Яндекс Облако', { tags: ['облако'] }),
  key('日本語キー'),
  key('Deploy 🚀 token'),
  key('Stripe live', { envVar: 'STRIPE_SECRET_KEY', notes: 'prefix sk_live_' }),
  key('Ops', { notes: 'rotates with the cafe\u0301 menu' }), // a decomposed é, as pasted from a PDF
];
const names = (query: string) => searchKeys(RECORDS, query).map((r) => r.name);

describe('searchKeys beyond a–z', () => {
  it('finds names in any script', () => {
    expect(names('Яндекс')).toEqual(['Яндекс Облако']);
    expect(names('яндекс')).toEqual(['Яндекс Облако']);
    expect(names('облако')).toEqual(['Яндекс Облако']);
    expect(names('日本')).toEqual(['日本語キー']);
  });

  it('ignores accents and how they were typed', () => {
    expect(names('cafe')).toEqual(['Café API', 'Ops']);
    expect(names('café')).toEqual(['Café API', 'Ops']);
    expect(names('cafe\u0301')).toEqual(['Café API', 'Ops']);
  });

  it('finds what fuzzy matching treats as punctuation: emoji and snake_case fragments', () => {
    expect(names('🚀')).toEqual(['Deploy 🚀 token']);
    expect(names('sk_live_')).toEqual(['Stripe live']);
  });

  it('still ranks name matches first and tolerates a typo', () => {
    expect(names('strpe')).toEqual(['Stripe live']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  // A query of letters, digits and spaces is answered by fuzzy matching alone (the substring pass
  // is skipped for it), so fuzzy matching must find every key that holds the query as typed.
  it('finds every key whose name or fields hold a typed run of letters, digits and spaces, in any case or script', () => {
    const char = fc.constantFrom(...'abcxyzABCXYZ0189 _-.\'/:ÉéßçЯндекс日本ÅİıΣσς🚀'.split(/(?:)/u));
    const text = fc.array(char, { minLength: 1, maxLength: 16 }).map((chars) => chars.join(''));
    const record = fc.record({ name: text, envVar: fc.option(text), provider: fc.option(text), tags: fc.array(text, { maxLength: 2 }), notes: text });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), fc.nat(), (fields, pick, start, length) => {
        const records = fields.map((f) => key(f.name.trim() || 'x', { ...f, name: f.name.trim() || 'x' }));
        const held = records[pick % records.length]!;
        const sources = [held.name, held.envVar ?? '', held.provider ?? '', ...held.tags, held.notes].filter((s) => s.length > 0);
        const source = [...sources[start % sources.length]!];
        const from = start % source.length;
        const query = source.slice(from, from + 1 + (length % 6)).join('').trim();
        fc.pre(/^[\p{L}\d ]+$/u.test(query));
        expect(searchKeys(records, query)).toContain(held);
      }),
      { numRuns: 2_000 },
    );
  });
});
