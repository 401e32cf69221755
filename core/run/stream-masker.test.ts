import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../test-support/seeded-random';
import { SecretMatcher } from './secret-matcher';
import { createMasker, MASK, maskPatterns, MIN_MASKED_LENGTH } from './stream-masker';

/** The reference answer, on the whole text at once: overlapping occurrences merge, touching ones do not. */
function maskWhole(text: string, values: readonly string[]): string {
  const needles = maskPatterns(values).patterns.map((p) => p.toString('utf8'));
  const found: [number, number][] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push([i, i + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of found) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = '';
  let from = 0;
  for (const [start, end] of merged) {
    out += text.slice(from, start) + MASK;
    from = end;
  }
  return out + text.slice(from);
}

/** Feeds the text in chunks; checks after each that what was sent so far is a prefix of `expected`. */
function maskInChunks(text: string, values: readonly string[], cuts: number[], partialFlushes = false, expected?: string): string {
  const { masker } = createMasker(values);
  const stream = masker();
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(stream.write(bytes.subarray(from, cut)));
    if (partialFlushes) out.push(stream.flushPartial());
    from = cut;
    if (expected !== undefined) {
      // Bytes once sent cannot be taken back: a value's first half sent early would be a leak.
      const sent = Buffer.concat(out);
      expect(Buffer.from(expected, 'utf8').subarray(0, sent.length).equals(sent), `sent ${JSON.stringify(sent.toString())}`).toBe(true);
    }
  }
  out.push(stream.end());
  return Buffer.concat(out).toString('utf8');
}

describe('SecretMatcher', () => {
  it('reports the longest pattern ending at each byte, and how much tail could still match', () => {
    const matcher = new SecretMatcher([Buffer.from('abcd'), Buffer.from('bc'), Buffer.from('cdef')]);
    let state = 0;
    const seen: [number, number][] = [];
    for (const byte of Buffer.from('xabcdefab')) {
      state = matcher.step(state, byte);
      seen.push([matcher.matchLength(state), matcher.depth(state)]);
    }
    expect(seen).toEqual([
      [0, 0], // x
      [0, 1], // a
      [0, 2], // ab
      [2, 3], // abc: "bc" ends here
      [4, 4], // abcd
      [0, 3], // cde
      [4, 4], // cdef
      [0, 1], // a
      [0, 2], // ab
    ]);
  });
});

describe('StreamMasker', () => {
  const secret = 'tok_7Hq2LmZp9Xv4';

  it('masks a value split across writes, and holds only the part that could still be a value', () => {
    const { masker } = createMasker([secret]);
    const stream = masker();
    expect(stream.write(Buffer.from(`key=${secret.slice(0, 7)}`)).toString()).toBe('');
    // A pause: the first half of the value must not escape, but the text before it may.
    expect(stream.flushPartial().toString()).toBe('key=');
    expect(stream.write(Buffer.from(`${secret.slice(7)} ok\nnext`)).toString()).toBe(`${MASK} ok\n`);
    expect(stream.end().toString()).toBe('next');
  });

  it('sends complete lines at once and a prompt only when asked, never a possible prefix', () => {
    const { masker } = createMasker([secret]);
    const stream = masker();
    expect(stream.write(Buffer.from('line one\nPassword: ')).toString()).toBe('line one\n');
    expect(stream.flushPartial().toString()).toBe('Password: ');
    expect(stream.write(Buffer.from('tok_')).toString()).toBe('');
    expect(stream.flushPartial().toString()).toBe('');
    expect(stream.end().toString()).toBe('tok_'); // the stream ended: it was not the value after all
  });

  it('masks multi-line values (a PEM), one line of it, and the JSON-escaped form', () => {
    const pem = '-----BEGIN TEST KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\nMDEyMzQ1Njc4OWFiY2RlZg==\n-----END TEST KEY-----';
    const lines = pem.split('\n');
    const text = `full:\n${pem}\none: ${lines[2]}\njson: ${JSON.stringify({ pem })}\n`;
    expect(maskInChunks(text, [pem], [9, 30, 31, 70])).toBe(`full:\n${MASK}\none: ${MASK}\njson: {"pem":"${MASK}"}\n`);
  });

  it('leaves values shorter than the minimum alone and says which', () => {
    const { tooShort } = createMasker(['abc', secret, 'x']);
    expect(MIN_MASKED_LENGTH).toBe(4);
    expect(tooShort).toEqual([0, 2]);
    expect(maskInChunks('abc x', ['abc', 'x'], [1])).toBe('abc x');
  });

  it('masks overlapping occurrences as one, touching ones as two, and multi-byte characters', () => {
    expect(maskInChunks('..abab..', ['abab'], [3])).toBe(`..${MASK}..`);
    expect(maskInChunks('ababab', ['abab'], [])).toBe(MASK);
    expect(maskInChunks('ababababX', ['abab'], [5])).toBe(`${MASK}X`);
    expect(maskInChunks('café-clé café-clé', ['café-clé'], [4, 12])).toBe(`${MASK} ${MASK}`);
  });

  it('property: any split of the output into chunks gives the same result as masking it whole', () => {
    const alphabet = 'ab\nc€';
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const word = (min: number, max: number) =>
        Array.from({ length: min + next(max - min + 1) }, () => alphabet[next(alphabet.length)]).join('');
      const values = Array.from({ length: 1 + next(3) }, () => word(4, 9));
      let text = '';
      for (let i = 0; i < 12; i++) text += next(3) === 0 ? values[next(values.length)] : word(0, 6);
      const size = Buffer.byteLength(text);
      const cuts = [...new Set(Array.from({ length: next(8) }, () => next(size + 1)))].sort((a, b) => a - b);
      const whole = maskWhole(text, values);
      const context = JSON.stringify({ seed, text, values, cuts });
      expect(maskInChunks(text, values, cuts, false, whole), context).toBe(whole);
      expect(maskInChunks(text, values, cuts, true, whole), context).toBe(whole);
      // Nothing sent before the end may contain a value: the masked whole never does.
      for (const value of values) expect(whole.includes(value), context).toBe(false);
    }
  });

  it('property: byte by byte, what is sent is always the start of the final masked output', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const value = Array.from({ length: 6 + next(10) }, () => 'xyz\n'[next(4)]).join('');
      const text = `pre ${value.slice(0, next(value.length))} ${value} post ${value}`;
      const cuts = Array.from({ length: Buffer.byteLength(text) }, (_, i) => i);
      const whole = maskWhole(text, [value]);
      expect(maskInChunks(text, [value], cuts, seed % 2 === 0, whole), String(seed)).toBe(whole);
    }
  });
});
