import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { KeySummary } from '../../api/types';
import { formatDate, formatRelative } from '../../format/dates';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { Field } from '../Field/Field';
import { SecretInput } from '../KeyForm/SecretInput';

export interface RotateDialogProps {
  keySummary: KeySummary;
  onRotated: (key: KeySummary) => void;
  onClose: () => void;
}

export function RotateDialog({ keySummary: key, onRotated, onClose }: RotateDialogProps) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call('rotateKey', { key: { id: key.id }, secret });
    setBusy(false);
    if (result.ok) onRotated(result.value);
    else {
      setError(messageFor(result.error));
      inputRef.current?.focus();
    }
  };

  return (
    <Dialog
      title={`Rotate ${key.name}`}
      description="Paste the new value from the provider's console. It replaces the old one in the keychain and the rotation date is set to now."
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={inputRef}
      footer={<DialogButtons onCancel={onClose} submitLabel="Rotate key" busyLabel="Rotating…" busy={busy} />}
    >
      <p className="rotate-last">
        <span className="rotate-last__label">Last rotated</span>{' '}
        {key.rotatedAt ? (
          <time dateTime={key.rotatedAt}>
            {formatDate(key.rotatedAt)} ({formatRelative(key.rotatedAt)})
          </time>
        ) : (
          <>Never — added {formatDate(key.createdAt)}</>
        )}
      </p>
      <Field id={inputId} label="New secret" error={error}>
        {(control) => (
          <SecretInput
            {...control}
            ref={inputRef}
            value={secret}
            onChange={(value) => {
              setSecret(value);
              setError(null);
            }}
          />
        )}
      </Field>
    </Dialog>
  );
}
