import { describe, expect, it } from 'vitest';
import { CliError } from './errors';
import { applyTagEdits, parseTagEdit } from './tag-edits';

describe('tag edits', () => {
  it('parses +T as add, -T as remove, and a bare T as add', () => {
    expect(parseTagEdit('+prod')).toEqual({ action: 'add', tag: 'prod' });
    expect(parseTagEdit('-prod')).toEqual({ action: 'remove', tag: 'prod' });
    expect(parseTagEdit(' ci ')).toEqual({ action: 'add', tag: 'ci' });
    expect(() => parseTagEdit('+')).toThrow(CliError);
  });

  it('applies edits in order, case-insensitively, keeping existing spelling and order', () => {
    const edits = ['+llm', '-PROD', '+Ai', '+new', '-missing'].map(parseTagEdit);
    expect(applyTagEdits(['ai', 'prod', 'team'], edits)).toEqual(['ai', 'team', 'llm', 'new']);
    expect(applyTagEdits(['a'], ['-a', '+A'].map(parseTagEdit))).toEqual(['A']);
  });
});
