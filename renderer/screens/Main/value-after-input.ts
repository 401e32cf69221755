export interface TextFieldState {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

export interface BeforeInput {
  inputType: string;
  data: string | null;
  isComposing: boolean;
}

/** One UTF-16 unit that Backspace or Delete removes on its own everywhere: no surrogate, no combining mark. */
const isPlainAscii = (char: string | undefined) => char !== undefined && char.charCodeAt(0) < 0x80;

/**
 * The value a text field will hold once a `beforeinput` is applied, for the edits whose outcome is
 * certain: typing a character over the selection, and Backspace or Delete of a selection or of one
 * ASCII character. Anything else (composition, paste, undo, word deletion, a character next to an
 * emoji or an accent) gives null: wait for the input event.
 */
export function valueAfterInput(field: TextFieldState, event: BeforeInput): string | null {
  const { value, selectionStart: start, selectionEnd: end } = field;
  if (event.isComposing || start === null || end === null || start > end) return null;
  const before = value.slice(0, start);
  const after = value.slice(end);
  switch (event.inputType) {
    case 'insertText':
      return event.data === null ? null : before + event.data + after;
    case 'deleteContentBackward':
      if (start !== end) return before + after;
      if (start === 0) return value;
      return isPlainAscii(value[start - 1]) ? value.slice(0, start - 1) + after : null;
    case 'deleteContentForward':
      if (start !== end) return before + after;
      if (end === value.length) return value;
      return isPlainAscii(value[end]) ? before + value.slice(end + 1) : null;
    default:
      return null;
  }
}
