import { useState } from 'react';
import type { AuthStatus } from '../../api/types';
import { AuthLayout } from '../AuthLayout';
import { RecoveryUnlockForm } from './RecoveryUnlockForm';
import { TotpUnlockForm } from './TotpUnlockForm';

export interface UnlockScreenProps {
  status: AuthStatus;
  onUnlocked: (status: AuthStatus) => void;
}

export function UnlockScreen({ status, onUnlocked }: UnlockScreenProps) {
  // A wait that already ran out is not worth a message.
  const [throttledUntil] = useState(() => (status.throttledUntil !== null && status.throttledUntil > Date.now() ? status.throttledUntil : null));
  const [mode, setMode] = useState<'totp' | 'recovery'>(status.recoveryCodeRequired ? 'recovery' : 'totp');
  const [recoveryForced, setRecoveryForced] = useState(status.recoveryCodeRequired);

  if (mode === 'recovery') {
    return (
      <AuthLayout>
        <h1 className="auth-title">Use a recovery code</h1>
        {recoveryForced ? (
          <p className="notice notice--error">
            There were too many wrong codes in a row, so only a recovery code can unlock Keystash now. Afterwards, set up
            your authenticator again.
          </p>
        ) : (
          <p className="auth-lede">
            Enter one of the recovery codes you saved when you set up Keystash. Afterwards, set up your authenticator again.
          </p>
        )}
        <RecoveryUnlockForm initialThrottledUntil={throttledUntil} onUnlocked={onUnlocked} />
        {!recoveryForced && (
          <button type="button" className="link-button auth-switch" onClick={() => setMode('totp')}>
            Use authenticator code instead
          </button>
        )}
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Unlock Keystash</h1>
      <p className="auth-lede">Enter the 6-digit code from your authenticator app.</p>
      <TotpUnlockForm
        initialThrottledUntil={throttledUntil}
        onUnlocked={onUnlocked}
        onRecoveryRequired={() => {
          setRecoveryForced(true);
          setMode('recovery');
        }}
      />
      <button type="button" className="link-button auth-switch" onClick={() => setMode('recovery')}>
        Use a recovery code
      </button>
    </AuthLayout>
  );
}
