import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { fieldOf, messageFor } from '../../api/errors';
import type { RestoreReport, Settings } from '../../api/types';
import { plural } from '../../format/text';
import { BackupDialog } from '../Backup/BackupDialog';
import { RestoreDialog } from '../Backup/RestoreDialog';
import { restoreSummary } from '../Backup/restore-preview';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { ErrorNotice } from '../Field/ErrorNotice';
import { Field } from '../Field/Field';

export interface SettingsDialogProps {
  recoveryCodesLeft: number;
  onSaved: (settings: Settings) => void;
  onReenrol: () => void;
  /** A restore changed the vault (its keys, and perhaps these settings). */
  onRestored: (report: RestoreReport) => void;
  onClose: () => void;
}

/** Mirrors the contract's ranges for the inputs' min/max hints; the vault validates. */
const AUTO_LOCK = { min: 1, max: 240 };
const CLIPBOARD = { min: 5, max: 300, defaultSeconds: 20 };

type SettingsField = 'autoLockMinutes' | 'clipboardClearSeconds';

export function SettingsDialog({ recoveryCodesLeft, onSaved, onReenrol, onRestored, onClose }: SettingsDialogProps) {
  const [autoLock, setAutoLock] = useState('');
  const [clipboardSeconds, setClipboardSeconds] = useState('');
  const [neverClear, setNeverClear] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Back up… and Restore… open over Settings, which stays open beneath them: however they close, the
  // focus goes back to the button that opened them, and what they did is said next to it.
  const [backupDialog, setBackupDialog] = useState<'backup' | 'restore' | null>(null);
  const [backupsOutcome, setBackupsOutcome] = useState<string | null>(null);
  // Bumped when a restore brought the backup's settings, so the fields show them.
  const [settingsVersion, setSettingsVersion] = useState(0);
  const autoLockId = useId();
  const clipboardId = useId();
  const neverId = useId();
  const autoLockRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    void call('getSettings').then((result) => {
      if (!current) return;
      if (!result.ok) {
        setFormError(messageFor(result.error));
        return;
      }
      setAutoLock(String(result.value.autoLockMinutes));
      setNeverClear(result.value.clipboardClearSeconds === 0);
      setClipboardSeconds(String(result.value.clipboardClearSeconds || CLIPBOARD.defaultSeconds));
      setLoaded(true);
    });
    return () => {
      current = false;
    };
  }, [settingsVersion]);

  const backedUp = (keys: number, fileName: string) => {
    setBackupDialog(null);
    setBackupsOutcome(`Backup of ${plural(keys, 'key')} ready to save as ${fileName}. Keep the passphrase somewhere other than the backup.`);
  };
  const restored = (report: RestoreReport) => {
    setBackupDialog(null);
    setBackupsOutcome(restoreSummary(report));
    if (report.settingsRestored) setSettingsVersion((v) => v + 1);
    onRestored(report);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !loaded) return;
    setBusy(true);
    setFormError(null);
    const result = await call('updateSettings', {
      autoLockMinutes: Number(autoLock),
      clipboardClearSeconds: neverClear ? 0 : Number(clipboardSeconds),
    });
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const field = fieldOf(result.error);
    if (field === 'autoLockMinutes' || field === 'clipboardClearSeconds') {
      setErrors({ [field]: messageFor(result.error) });
      document.getElementById(field === 'autoLockMinutes' ? autoLockId : clipboardId)?.focus();
    } else {
      setFormError(messageFor(result.error));
    }
  };

  const settings = (
    <Dialog
      title="Settings"
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={autoLockRef}
      footer={<DialogButtons onCancel={onClose} submitLabel="Save" busyLabel="Saving…" busy={busy} disabled={!loaded} />}
    >
      <ErrorNotice message={formError} />
      <fieldset className="settings-group">
        <legend>Security</legend>
        <Field
          id={autoLockId}
          label="Auto-lock after (minutes)"
          error={errors.autoLockMinutes}
          hint={`Locks when you have not used Keystash for this long. ${AUTO_LOCK.min}–${AUTO_LOCK.max} minutes.`}
        >
          {(control) => (
            <input
              ref={autoLockRef}
              {...control}
              className="input input--narrow"
              type="number"
              inputMode="numeric"
              min={AUTO_LOCK.min}
              max={AUTO_LOCK.max}
              value={autoLock}
              onChange={(event) => {
                setAutoLock(event.target.value);
                setErrors((e) => ({ ...e, autoLockMinutes: undefined }));
              }}
            />
          )}
        </Field>
        <Field
          id={clipboardId}
          label="Clear clipboard after (seconds)"
          error={errors.clipboardClearSeconds}
          hint={`Only if the clipboard still holds the copied key. ${CLIPBOARD.min}–${CLIPBOARD.max} seconds.`}
        >
          {(control) => (
            <input
              {...control}
              className="input input--narrow"
              type="number"
              inputMode="numeric"
              min={CLIPBOARD.min}
              max={CLIPBOARD.max}
              disabled={neverClear}
              value={clipboardSeconds}
              onChange={(event) => {
                setClipboardSeconds(event.target.value);
                setErrors((e) => ({ ...e, clipboardClearSeconds: undefined }));
              }}
            />
          )}
        </Field>
        <label htmlFor={neverId} className="checkbox">
          <input id={neverId} type="checkbox" checked={neverClear} onChange={(event) => setNeverClear(event.target.checked)} />
          Never clear the clipboard
        </label>
      </fieldset>
      <fieldset className="settings-group">
        <legend>Authenticator</legend>
        <p className="settings-group__text">
          {plural(recoveryCodesLeft, 'recovery code')} left. Setting up a new authenticator also gives you 10 new recovery
          codes.
        </p>
        <button type="button" className="button button--secondary" onClick={onReenrol}>
          Set up a new authenticator…
        </button>
      </fieldset>
      <fieldset className="settings-group">
        <legend>Backups</legend>
        <p className="settings-group__text">
          One file with every key and value, encrypted with a passphrase you choose. Restoring adds its keys to this vault.
        </p>
        <div>
          <div className="settings-group__buttons">
            <button type="button" className="button button--secondary" onClick={() => setBackupDialog('backup')}>
              Back up…
            </button>
            <button type="button" className="button button--secondary" onClick={() => setBackupDialog('restore')}>
              Restore…
            </button>
          </div>
          {/* Always mounted: screen readers announce changes only to a live region they already know. */}
          <div role="status" aria-live="polite">
            {backupsOutcome && <p className="notice notice--success settings-group__outcome">{backupsOutcome}</p>}
          </div>
        </div>
      </fieldset>
    </Dialog>
  );

  // The backup dialogs sit beside Settings' Dialog, not inside it: React carries events from a portal
  // up its own tree, and their form's submit would otherwise reach Settings' form too.
  return (
    <>
      {settings}
      {backupDialog === 'backup' && <BackupDialog onSaved={backedUp} onClose={() => setBackupDialog(null)} />}
      {backupDialog === 'restore' && <RestoreDialog onRestored={restored} onClose={() => setBackupDialog(null)} />}
    </>
  );
}
