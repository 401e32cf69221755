import { describe, expect, it } from 'vitest';
import { listArgsOf, type Narrowing } from './useKeyFilters';

const none: Narrowing = { trimmed: '', tags: [], filter: null, browseSort: 'name', searchSort: 'relevance' };

describe('listArgsOf', () => {
  it('asks for nothing but the browse order when nothing narrows the list', () => {
    expect(listArgsOf(none)).toEqual({ sort: 'name' });
    expect(listArgsOf({ ...none, browseSort: 'lastUsed' })).toEqual({ sort: 'lastUsed' });
  });

  it('sends no sort while searching by relevance, so the vault ranks', () => {
    expect(listArgsOf({ ...none, trimmed: 'stripe', browseSort: 'created' })).toEqual({ query: 'stripe' });
    expect(listArgsOf({ ...none, trimmed: 'stripe', searchSort: 'name' })).toEqual({ query: 'stripe', sort: 'name' });
  });

  it('builds the fields in one order, so equal arguments have equal JSON text', () => {
    const a = listArgsOf({ trimmed: 'x', tags: ['prod'], filter: 'unused', browseSort: 'name', searchSort: 'created' });
    const b = listArgsOf({ searchSort: 'created', browseSort: 'name', filter: 'unused', tags: ['prod'], trimmed: 'x' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a)).toEqual(['query', 'tags', 'filter', 'sort']);
  });
});
