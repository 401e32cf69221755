import type { ReactNode } from 'react';
import { Icon } from '../components/Icon/Icon';

/** The calm, centred card that enrolment and unlock share. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="auth-page">
      <div className={wide ? 'auth-card auth-card--wide' : 'auth-card'}>
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">
            <Icon name="key" size={18} />
          </span>
          Keystash
        </p>
        {children}
      </div>
    </main>
  );
}
