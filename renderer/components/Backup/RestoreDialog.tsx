import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import type { RestoreReport } from '../../api/types';
import { formatDate } from '../../format/dates';
import { plural } from '../../format/text';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { ErrorNotice } from '../Field/ErrorNotice';
import { Field } from '../Field/Field';
import { PassphraseInput } from './PassphraseInput';
import { ConflictChoices } from './ConflictChoices';
import { placeOf, previewOf, restoreErrorMessage, type ConflictChoice, type RestorePreview } from './restore-preview';

export interface RestoreDialogProps {
  onRestored: (report: RestoreReport) => void;
  onClose: () => void;
}

type Errors = Partial<Record<'file' | 'passphrase' | 'form', string>>;

/**
 * Restore…: pick the file, type its passphrase, see what it would do (a dry run), choose what
 * happens to names the vault already has, then restore, all or nothing. The file's text is
 * ciphertext, so it may pass through the window; the vault decrypts it.
 */
export function RestoreDialog({ onRestored, onClose }: RestoreDialogProps) {
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [onConflict, setOnConflict] = useState<ConflictChoice>('skip');
  const [settings, setSettings] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const passphraseId = useId();
  const settingsId = useId();

  /** Any change to what is being restored makes the preview stale. */
  const changed = () => {
    setPreview(null);
    setErrors({});
  };

  const pickFile = async (picked: File | undefined) => {
    changed();
    setFile(null);
    if (!picked) return;
    try {
      setFile({ name: picked.name, content: await picked.text() });
    } catch {
      setErrors({ file: 'That file could not be read. Choose the backup file again.' });
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) return setErrors({ file: 'Choose a backup file (keystash-backup-….ksbackup).' });
    if (!passphrase) return setErrors({ passphrase: 'Type the passphrase the backup was made with.' });
    setBusy(true);
    setErrors({});
    const result = await call('restoreBackup', {
      content: file.content,
      passphrase,
      ...(preview ? { onConflict, settings, dryRun: false } : { onConflict: 'skip', dryRun: true }),
    });
    setBusy(false);
    if (!result.ok) {
      setPreview(null);
      setErrors({ [placeOf(result.error)]: restoreErrorMessage(result.error) });
      return;
    }
    if (preview) onRestored(result.value);
    else setPreview(previewOf(result.value));
  };

  return (
    <Dialog
      title="Restore from a backup"
      description="Adds the backup's keys to this vault. A wrong passphrase or a changed file changes nothing."
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={fileRef}
      footer={
        <DialogButtons
          onCancel={onClose}
          submitLabel={preview ? 'Restore' : 'Check backup'}
          busyLabel={preview ? 'Restoring…' : 'Opening…'}
          busy={busy}
          disabled={!file || !passphrase}
        />
      }
    >
      <ErrorNotice message={errors.form ?? null} />
      <Field id={fileId} label="Backup file" error={errors.file} hint="A .ksbackup file made with Back up… or keystash backup.">
        {(control) => (
          <input
            ref={fileRef}
            {...control}
            className="input input--file"
            type="file"
            accept=".ksbackup,.backup,.json,application/json"
            onChange={(event) => void pickFile(event.target.files?.[0])}
          />
        )}
      </Field>
      <Field id={passphraseId} label="Passphrase" error={errors.passphrase}>
        {(control) => (
          <PassphraseInput
            control={control}
            autoComplete="off"
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              changed();
            }}
          />
        )}
      </Field>
      {preview && (
        <section className="restore-preview" aria-label="What the restore does">
          <p className="notice notice--info">
            Backup from {formatDate(preview.backupCreatedAt)}: adds {plural(preview.adds, 'key')}
            {preview.conflicts.length > 0 ? `, ${plural(preview.conflicts.length, 'conflict')}` : ''}.
          </p>
          {preview.conflicts.length > 0 && <ConflictChoices names={preview.conflicts} value={onConflict} onChange={setOnConflict} />}
          <label htmlFor={settingsId} className="checkbox">
            <input id={settingsId} type="checkbox" checked={settings} onChange={(event) => setSettings(event.target.checked)} />
            Also restore the backup's settings (auto-lock, clipboard clearing)
          </label>
        </section>
      )}
    </Dialog>
  );
}
