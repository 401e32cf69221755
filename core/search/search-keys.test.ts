import { randomUUID } from 'node:crypto';
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
});
