import { describe, expect, it } from 'vitest';
import { printable } from './output';
import { renderPairs, renderTable } from './table';

describe('human output', () => {
  it('pads columns to the widest cell without trailing blanks', () => {
    expect(renderTable(['NAME', 'TAGS'], [['a', 'x, y'], ['longer name', '']])).toBe('NAME         TAGS\na            x, y\nlonger name');
    expect(renderPairs([['Set up:', 'yes'], ['Session:', 'locked']])).toBe('Set up:   yes\nSession:  locked');
  });

  it('neutralises terminal control sequences in user text', () => {
    expect(printable('evil\u001b[2Jname\n')).toBe('evil?[2Jname?');
  });
});
