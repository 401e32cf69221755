import { describe, expect, it } from 'vitest';
import { encodeChunks, entryCost, parseHead, parsePart } from './keychain-chunks';

const generation = '0123456789ab';

function decode(entries: string[]): string {
  const parsed = parseHead(entries[0]!);
  if (parsed.kind !== 'chunked') throw new Error('no head');
  expect(parsed.head.count).toBe(entries.length);
  return [parsed.head.part, ...entries.slice(1).map((e, i) => parsePart(e, parsed.head.generation, i + 2)!)].join('');
}

describe('keychain chunk format', () => {
  it('keeps every entry within the budget and joins back to the value', () => {
    for (const value of ['x'.repeat(5000), '🔑é'.repeat(900), 'a👩‍💻'.repeat(700)]) {
      const entries = encodeChunks(value, 300, generation);
      expect(entries.length).toBeGreaterThan(1);
      for (const entry of entries) expect(entryCost(entry)).toBeLessThanOrEqual(300);
      expect(decode(entries)).toBe(value);
    }
  });

  it('grows the head when the count gains a digit', () => {
    const entries = encodeChunks('q'.repeat(40_000), 256, generation);
    expect(entries.length).toBeGreaterThanOrEqual(100);
    for (const entry of entries) expect(entryCost(entry)).toBeLessThanOrEqual(256);
    expect(decode(entries)).toBe('q'.repeat(40_000));
  });

  it('counts the larger of UTF-8 and UTF-16, so Windows limits hold for either encoding', () => {
    expect(entryCost('abc')).toBe(6); // UTF-16 wins for ASCII
    expect(entryCost('€')).toBe(3); // UTF-8 wins for U+0800..U+FFFF
    expect(entryCost('🔑')).toBe(4); // a surrogate pair: 4 bytes in both
  });

  it('tells plain values, heads and damaged heads apart', () => {
    expect(parseHead('sk-live-123')).toEqual({ kind: 'plain' });
    expect(parseHead(`keystash-chunked:v1:2:${generation}:abc`)).toEqual({
      kind: 'chunked',
      head: { count: 2, generation, part: 'abc' },
    });
    expect(parseHead('keystash-chunked:v9:whatever')).toEqual({ kind: 'unreadable' });
  });

  it('rejects a part from another write or another slot', () => {
    const part = `keystash-chunk:v1:${generation}:2:abc`;
    expect(parsePart(part, generation, 2)).toBe('abc');
    expect(parsePart(part, 'ffffffffffff', 2)).toBeNull();
    expect(parsePart(part, generation, 3)).toBeNull();
  });
});
