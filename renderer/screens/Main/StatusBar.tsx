import type { ReactNode } from 'react';

/**
 * A fixed-height bar at the bottom: toasts appear here, so the layout never moves when they do,
 * and the keyboard shortcuts stay in sight for people learning them.
 */
export function StatusBar({ children }: { children: ReactNode }) {
  return (
    <footer className="statusbar">
      {children}
      <p className="statusbar__hints" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> select <kbd>Enter</kbd> copy <kbd>E</kbd> edit <kbd>Del</kbd> delete <kbd>/</kbd> search
      </p>
    </footer>
  );
}
