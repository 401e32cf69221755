import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { Enrolment } from '../../api/types';
import { CodeInput, CODE_LENGTH } from '../../components/CodeInput/CodeInput';
import { AuthLayout } from '../AuthLayout';
import { QrCode } from './QrCode';
import { RecoveryCodes } from './RecoveryCodes';
import { SetupKey } from './SetupKey';

export interface EnrolScreenProps {
  /** 'again' replaces the authenticator of an unlocked vault, e.g. after a recovery-code unlock. */
  mode: 'first' | 'again';
  onFinished: () => void;
  onCancel?: () => void;
}

export function EnrolScreen({ mode, onFinished, onCancel }: EnrolScreenProps) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  useEffect(() => {
    let current = true;
    setLoadError(null);
    void call('beginEnrolment').then((result) => {
      if (!current) return;
      if (result.ok) setEnrolment(result.value);
      else setLoadError(messageFor(result.error));
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  if (recoveryCodes) {
    return (
      <AuthLayout wide>
        <RecoveryCodes codes={recoveryCodes} onContinue={onFinished} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout wide>
      <p className="auth-step">Step 1 of 2</p>
      <h1 className="auth-title">{mode === 'first' ? 'Set up your authenticator' : 'Set up a new authenticator'}</h1>
      <p className="auth-lede">
        Keystash asks for a 6-digit code from an authenticator app on your phone before it shows, copies or changes
        any key. So someone at your unlocked computer cannot get your API keys through this window or the keystash
        command line without your phone.
      </p>
      {mode === 'again' && (
        <p className="notice notice--info">
          Once you confirm, codes from your old authenticator stop working and you get new recovery codes.
        </p>
      )}
      {loadError ? (
        <div className="notice notice--error" role="alert">
          <p>{loadError}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : (
        enrolment && (
          <>
            <div className="enrol-grid">
              <QrCode uri={enrolment.otpauthUri} />
              <SetupKey secret={enrolment.secret} />
            </div>
            <ConfirmCode onConfirmed={setRecoveryCodes} onCancel={onCancel} />
          </>
        )
      )}
    </AuthLayout>
  );
}

function ConfirmCode({ onConfirmed, onCancel }: { onConfirmed: (codes: string[]) => void; onCancel?: (() => void) | undefined }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const messageId = useId();
  useEffect(() => inputRef.current?.focus(), []);

  const confirm = async (digits: string) => {
    if (busy || digits.length !== CODE_LENGTH) return;
    setBusy(true);
    setError(null);
    const result = await call('confirmEnrolment', { code: digits });
    setBusy(false);
    if (result.ok) {
      onConfirmed(result.value.recoveryCodes);
      return;
    }
    setError(messageFor(result.error));
    setCode('');
    inputRef.current?.focus();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void confirm(code);
  };

  return (
    <form className="confirm-code" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId} className="field__label">
        Authenticator code
      </label>
      <div className="confirm-code__row">
        <CodeInput
          ref={inputRef}
          id={inputId}
          value={code}
          onChange={setCode}
          onComplete={(digits) => void confirm(digits)}
          describedBy={messageId}
          invalid={error !== null}
        />
        <button type="submit" className="button button--primary" disabled={busy || code.length !== CODE_LENGTH}>
          {busy ? 'Checking…' : 'Confirm'}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p id={messageId} className={error ? 'auth-message auth-message--error' : 'auth-message'}>
        <span role="alert">{error}</span>
        {!error && 'Enter the code your app shows now, to check that it is set up.'}
      </p>
    </form>
  );
}
