import { describe, expect, it } from 'vitest';
import { valueAfterInput, type BeforeInput } from './value-after-input';

const field = (value: string, start = value.length, end = start) => ({ value, selectionStart: start, selectionEnd: end });
const typed = (data: string): BeforeInput => ({ inputType: 'insertText', data, isComposing: false });
const edit = (inputType: string): BeforeInput => ({ inputType, data: null, isComposing: false });

describe('valueAfterInput', () => {
  it('types at the caret, or over the selection', () => {
    expect(valueAfterInput(field('str'), typed('i'))).toBe('stri');
    expect(valueAfterInput(field('sr', 1), typed('t'))).toBe('str');
    expect(valueAfterInput(field('stripe', 0, 6), typed('z'))).toBe('z');
    expect(valueAfterInput(field(''), typed('é'))).toBe('é');
  });

  it('deletes one ASCII character, or the selection', () => {
    expect(valueAfterInput(field('stripe'), edit('deleteContentBackward'))).toBe('strip');
    expect(valueAfterInput(field('stripe', 0), edit('deleteContentBackward'))).toBe('stripe');
    expect(valueAfterInput(field('stripe', 0), edit('deleteContentForward'))).toBe('tripe');
    expect(valueAfterInput(field('stripe'), edit('deleteContentForward'))).toBe('stripe');
    expect(valueAfterInput(field('stripe', 1, 4), edit('deleteContentBackward'))).toBe('spe');
    expect(valueAfterInput(field('stripe', 1, 4), edit('deleteContentForward'))).toBe('spe');
  });

  it('leaves to the input event what it cannot be sure of', () => {
    expect(valueAfterInput(field('key 🔑'), edit('deleteContentBackward'))).toBeNull();
    expect(valueAfterInput(field('cafe\u0301'), edit('deleteContentBackward'))).toBeNull();
    expect(valueAfterInput(field('é', 0), edit('deleteContentForward'))).toBeNull();
    expect(valueAfterInput(field('stripe'), edit('deleteWordBackward'))).toBeNull();
    expect(valueAfterInput(field('stripe'), { inputType: 'insertFromPaste', data: null, isComposing: false })).toBeNull();
    expect(valueAfterInput(field('stri'), { inputType: 'insertText', data: 'p', isComposing: true })).toBeNull();
    expect(valueAfterInput({ value: 'x', selectionStart: null, selectionEnd: null }, typed('y'))).toBeNull();
  });
});
