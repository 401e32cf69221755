import { useEffect } from 'react';

/**
 * Remembers the control that has the focus now (the one that is opening a dialog or a view) and
 * returns a function that gives the focus back to it: WAI-ARIA's dialog pattern, so a keyboard user
 * carries on from where they were.
 *
 * It gives the focus back only when the focus was lost, that is left on the body because the element
 * holding it went away with what closed. A user who already moved on (pressed another view's button,
 * say) keeps the focus where they put it.
 */
export function rememberFocus(): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return () => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && opener?.isConnected) opener.focus();
  };
}

/** rememberFocus for a component's lifetime: the opener is remembered on mount and given the focus back on unmount. */
export function useFocusReturn(): void {
  useEffect(() => rememberFocus(), []);
}
