import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../test-support/seeded-random';
import { findReferences, replaceReferences } from './find-references';
import { InvalidReferenceError, parseReference, referenceFor, referenceForId } from './reference';

const ID = '3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60';

describe('referenceFor and parseReference', () => {
  it('percent-encodes outside [A-Za-z0-9._~-], in UTF-8 with upper-case hex', () => {
    expect(referenceFor('Stripe live')).toBe('keystash://Stripe%20live');
    expect(referenceFor('GH_TOKEN')).toBe('keystash://GH_TOKEN');
    expect(referenceFor('a/b?c#d%e')).toBe('keystash://a%2Fb%3Fc%23d%25e');
    expect(referenceFor("it's (new)!*")).toBe('keystash://it%27s%20%28new%29%21%2A');
    expect(referenceFor('clé 🔑')).toBe('keystash://cl%C3%A9%20%F0%9F%94%91');
    expect(referenceFor('v1.2~x-y_z')).toBe('keystash://v1.2~x-y_z');
    // A final full stop is encoded so that a reference pasted at the end of a sentence still works.
    expect(referenceFor('api.')).toBe('keystash://api%2E');
    expect(referenceForId(ID.toUpperCase())).toBe(`keystash://id/${ID}`);
  });

  it('parses names and ids, and decodes lower-case hex too', () => {
    expect(parseReference('keystash://Stripe%20live')).toEqual({ kind: 'name', name: 'Stripe live' });
    expect(parseReference('keystash://cl%c3%a9')).toEqual({ kind: 'name', name: 'clé' });
    expect(parseReference(`keystash://id/${ID.toUpperCase()}`)).toEqual({ kind: 'id', id: ID });
    // "id" without the slash is a key named "id"; an encoded slash is part of a name.
    expect(parseReference('keystash://id')).toEqual({ kind: 'name', name: 'id' });
    expect(parseReference('keystash://id%2Fx')).toEqual({ kind: 'name', name: 'id/x' });
  });

  it('refuses malformed references with a reason', () => {
    for (const bad of ['keystash://', 'keystash://a b', 'keystash://%ZZ', 'keystash://%C3', 'keystash://id/123', 'op://x', `keystash://${'a'.repeat(101)}`, 'keystash://%20']) {
      expect(() => parseReference(bad), bad).toThrow(InvalidReferenceError);
    }
  });

  it('property: every name round-trips, and its reference uses only reference characters', () => {
    const pool = ['a', 'Z', '0', ' ', '.', '_', '~', '-', '/', '%', '#', '{', '}', '"', "'", 'é', '€', '🔑', '\t', '+', '='];
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      let name = Array.from({ length: 1 + next(12) }, () => pool[next(pool.length)]).join('');
      if (name.trim() === '') name = `x${name}`;
      const reference = referenceFor(name);
      expect(reference, name).toMatch(/^keystash:\/\/(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+$/);
      expect(parseReference(reference), name).toEqual({ kind: 'name', name });
      // Found the same way in running text, even before a full stop, and in braces.
      const [bare] = findReferences(`see ${reference}. done`);
      expect(bare?.reference, name).toEqual({ kind: 'name', name });
      const [braced] = findReferences(`x={{${reference}}}`);
      expect(braced?.reference, name).toEqual({ kind: 'name', name });
    }
  });
});

describe('findReferences', () => {
  it('finds braced and bare references with line and column', () => {
    const text = 'url: postgres://app:{{ keystash://DB%20password }}@db/app\n\ntoken = keystash://GH_TOKEN\nid: keystash://id/' + ID + '\n';
    const found = findReferences(text);
    expect(found.map(({ line, column, written, reference }) => ({ line, column, written, reference }))).toEqual([
      { line: 1, column: 21, written: 'keystash://DB%20password', reference: { kind: 'name', name: 'DB password' } },
      { line: 3, column: 9, written: 'keystash://GH_TOKEN', reference: { kind: 'name', name: 'GH_TOKEN' } },
      { line: 4, column: 5, written: `keystash://id/${ID}`, reference: { kind: 'id', id: ID } },
    ]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('{{ keystash://DB%20password }}');
  });

  it('accepts braces with or without spaces, and reports malformed ones instead of skipping them', () => {
    const found = findReferences('{{keystash://A}} {{  keystash://B\t}} {{ keystash://bad%ZZ }} keystash://id/nope');
    expect(found.map((f) => f.reference ?? f.problem)).toEqual([
      { kind: 'name', name: 'A' },
      { kind: 'name', name: 'B' },
      expect.stringMatching(/percent-encoded/),
      expect.stringMatching(/UUID/),
    ]);
  });

  it('ignores the bare scheme and other schemes', () => {
    expect(findReferences('keystash://. and op://vault/item and keystash:/x')).toEqual([]);
  });

  it('replaces each occurrence and keeps everything else byte for byte', () => {
    const text = 'A={{ keystash://a }}\r\nB=x-keystash://b-y\r\n';
    const found = findReferences(text);
    expect(replaceReferences(text, found, (f) => `<${f.written.slice(11)}>`)).toBe('A=<a>\r\nB=x-<b-y>\r\n');
  });
});
