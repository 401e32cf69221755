import type { ReactNode } from 'react';

const HINTS: { keys: string[]; action: string }[] = [
  { keys: ['↑', '↓'], action: 'select' },
  { keys: ['Enter'], action: 'copy' },
  { keys: ['E'], action: 'edit' },
  { keys: ['Del'], action: 'delete' },
  { keys: ['/'], action: 'search' },
];

/**
 * A fixed-height bar at the bottom: toasts appear here, so the layout never moves when they do,
 * and the keyboard shortcuts stay in sight for people learning them.
 */
export function StatusBar({ children }: { children: ReactNode }) {
  return (
    <footer className="statusbar">
      {children}
      <p className="statusbar__hints" aria-hidden="true">
        {HINTS.map((hint) => (
          <span key={hint.action} className="statusbar__hint">
            {hint.keys.map((key) => (
              <kbd key={key}>{key}</kbd>
            ))}
            {hint.action}
          </span>
        ))}
      </p>
    </footer>
  );
}
