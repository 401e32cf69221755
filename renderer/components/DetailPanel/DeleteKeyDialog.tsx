import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { KeySummary } from '../../api/types';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { ErrorNotice } from '../Field/ErrorNotice';

export interface DeleteKeyDialogProps {
  keySummary: KeySummary;
  onDeleted: (key: KeySummary) => void;
  onClose: () => void;
}

/** Keys tagged prod are the ones whose loss hurts: for those the name must be typed, as on GitHub. */
export function needsTypedConfirmation(key: KeySummary): boolean {
  return key.tags.some((tag) => tag.toLowerCase() === 'prod');
}

export function DeleteKeyDialog({ keySummary: key, onDeleted, onClose }: DeleteKeyDialogProps) {
  const typed = needsTypedConfirmation(key);
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLInputElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const confirmed = !typed || confirmation === key.name;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !confirmed) return;
    setBusy(true);
    const result = await call('deleteKey', { key: { id: key.id } });
    setBusy(false);
    if (result.ok) onDeleted(key);
    else setError(messageFor(result.error));
  };

  return (
    <Dialog
      title={`Delete ${key.name}?`}
      description="Its value is removed from the system keychain. This cannot be undone."
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={typed ? confirmRef : deleteRef}
      size="small"
      tone="danger"
      footer={
        <DialogButtons onCancel={onClose} submitLabel="Delete key" busyLabel="Deleting…" busy={busy} disabled={!confirmed} tone="danger" submitRef={deleteRef} />
      }
    >
      {typed && (
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            This key is tagged <strong>prod</strong>. Type <strong className="mono">{key.name}</strong> to confirm.
          </label>
          <input
            ref={confirmRef}
            id={inputId}
            className="input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </div>
      )}
      <ErrorNotice message={error} />
    </Dialog>
  );
}
