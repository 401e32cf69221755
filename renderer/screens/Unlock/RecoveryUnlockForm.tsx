import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { AuthStatus } from '../../api/types';
import { ThrottleMessage } from './ThrottleMessage';
import { useThrottle } from './useThrottle';

export interface RecoveryUnlockFormProps {
  initialThrottledUntil: number | null;
  onUnlocked: (status: AuthStatus) => void;
}

export function RecoveryUnlockForm({ initialThrottledUntil, onUnlocked }: RecoveryUnlockFormProps) {
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const throttle = useThrottle(initialThrottledUntil);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const messageId = useId();
  const throttled = throttle.active;
  const throttledUntil = throttle.until;

  useEffect(() => inputRef.current?.focus(), []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || throttled) return;
    if (recoveryCode.trim() === '') {
      setError('Enter one of your recovery codes.');
      return;
    }
    setBusy(true);
    const result = await call('unlockWithRecoveryCode', { recoveryCode: recoveryCode.trim() });
    setBusy(false);
    if (result.ok) {
      onUnlocked(result.value);
      return;
    }
    if (result.error.code === 'THROTTLED') {
      throttle.start(result.error.retryAfterSeconds);
      setError(null);
    } else {
      throttle.clear();
      setError(result.error.code === 'WRONG_CODE' ? 'That recovery code is not right, or it was already used.' : messageFor(result.error));
    }
    inputRef.current?.select();
  };

  const isError = error !== null || throttled;
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="unlock-form">
      <label htmlFor={inputId} className="field__label">
        Recovery code
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="input input--mono input--large"
        type="text"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value={recoveryCode}
        onChange={(event) => setRecoveryCode(event.target.value)}
        aria-describedby={messageId}
        aria-invalid={isError || undefined}
      />
      <p id={messageId} className={isError ? 'auth-message auth-message--error' : 'auth-message'}>
        <span role="alert">{throttledUntil !== null ? <ThrottleMessage until={throttledUntil} /> : error}</span>
        {throttledUntil === null && error === null && 'Each recovery code works once.'}
      </p>
      <button type="submit" className="button button--primary button--block" disabled={busy || throttled}>
        {busy ? 'Checking…' : 'Unlock'}
      </button>
    </form>
  );
}
