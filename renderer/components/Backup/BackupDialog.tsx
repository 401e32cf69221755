import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import { saveTextFile } from '../../files/save-text-file';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { ErrorNotice } from '../Field/ErrorNotice';
import { Field } from '../Field/Field';
import { PassphraseInput } from './PassphraseInput';
import { backupFileName, PASSPHRASE_MIN_CHARS, passphraseLength } from './passphrase-rules';

export interface BackupDialogProps {
  onSaved: (keys: number, fileName: string) => void;
  onClose: () => void;
}

/**
 * Back up…: the passphrase twice, then the encrypted file as a download. The vault encrypts; the
 * window only ever holds ciphertext and the passphrase the user is typing.
 */
export function BackupDialog({ onSaved, onClose }: BackupDialogProps) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);
  const firstId = useId();
  const repeatId = useId();

  const length = passphraseLength(passphrase);
  const longEnough = length >= PASSPHRASE_MIN_CHARS;
  const matches = passphrase === repeat;
  // Say "does not match" once the repeat is as long as the first, or on submit, not on every key.
  const showMismatch = !matches && (submitted || passphraseLength(repeat) >= length);
  const lengthHint = longEnough
    ? `${length} characters: long enough.`
    : `At least ${PASSPHRASE_MIN_CHARS} characters (${length} so far). A few unrelated words are easy to type and hard to guess.`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (busy || !longEnough || !matches) {
      firstRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await call('createBackup', { passphrase });
    setBusy(false);
    if (!result.ok) {
      setError(messageFor(result.error));
      return;
    }
    const fileName = backupFileName();
    saveTextFile(fileName, result.value.content, 'application/json');
    onSaved(result.value.keys, fileName);
  };

  return (
    <Dialog
      title="Back up the vault"
      description="One file with every key, its value and your settings, encrypted with a passphrase. Without the passphrase nobody can open it, not even you: keep it somewhere other than the backup."
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={firstRef}
      footer={<DialogButtons onCancel={onClose} submitLabel="Save backup…" busyLabel="Encrypting…" busy={busy} />}
    >
      <ErrorNotice message={error} />
      <Field id={firstId} label="Passphrase" hint={submitted && !longEnough ? undefined : lengthHint} error={submitted && !longEnough ? lengthHint : null}>
        {(control) => <PassphraseInput control={control} inputRef={firstRef} autoComplete="new-password" value={passphrase} onChange={setPassphrase} />}
      </Field>
      <Field id={repeatId} label="Repeat passphrase" error={showMismatch ? 'The two passphrases do not match.' : null}>
        {(control) => <PassphraseInput control={control} autoComplete="new-password" value={repeat} onChange={setRepeat} />}
      </Field>
    </Dialog>
  );
}
