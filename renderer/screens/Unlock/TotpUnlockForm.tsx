import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { AuthStatus } from '../../api/types';
import { CodeInput, CODE_LENGTH } from '../../components/CodeInput/CodeInput';
import { ThrottleMessage } from './ThrottleMessage';
import { useThrottle } from './useThrottle';

export interface TotpUnlockFormProps {
  initialThrottledUntil: number | null;
  onUnlocked: (status: AuthStatus) => void;
  onRecoveryRequired: () => void;
}

export function TotpUnlockForm({ initialThrottledUntil, onUnlocked, onRecoveryRequired }: TotpUnlockFormProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<ReactNode>(null);
  const throttle = useThrottle(initialThrottledUntil);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const messageId = useId();
  const throttled = throttle.active;

  useEffect(() => inputRef.current?.focus(), []);

  const submit = async (digits: string) => {
    // While throttled the input stays usable (focus is never lost), but nothing is sent.
    if (busy || throttled || digits.length !== CODE_LENGTH) return;
    setBusy(true);
    const result = await call('unlock', { code: digits });
    setBusy(false);
    if (result.ok) {
      onUnlocked(result.value);
      return;
    }
    setCode('');
    inputRef.current?.focus();
    const { error: apiError } = result;
    if (apiError.code === 'THROTTLED') {
      throttle.start(apiError.retryAfterSeconds);
      setError(null);
    } else if (apiError.code === 'RECOVERY_REQUIRED') {
      onRecoveryRequired();
    } else {
      throttle.clear();
      setError(messageFor(apiError));
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(code);
  };

  const throttledUntil = throttle.until;
  const showThrottle = throttledUntil !== null;
  const isError = error !== null || throttled;
  return (
    <form onSubmit={onSubmit} noValidate className="unlock-form">
      <label htmlFor={inputId} className="field__label">
        Authenticator code
      </label>
      <CodeInput
        ref={inputRef}
        id={inputId}
        value={code}
        onChange={(digits) => {
          setCode(digits);
          if (digits.length > 0 && !throttled) setError(null);
        }}
        onComplete={(digits) => void submit(digits)}
        describedBy={messageId}
        invalid={isError}
      />
      <p id={messageId} className={isError ? 'auth-message auth-message--error' : 'auth-message'}>
        <span role="alert">
          {showThrottle ? <ThrottleMessage until={throttledUntil} /> : error}
        </span>
        {!showThrottle && error === null && busy && 'Checking…'}
      </p>
      <button type="submit" className="button button--primary button--block" disabled={busy || throttled || code.length !== CODE_LENGTH}>
        Unlock
      </button>
    </form>
  );
}
