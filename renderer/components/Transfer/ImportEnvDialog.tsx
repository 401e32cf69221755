import { useId, useState, type ChangeEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { EnvImportPreview, ImportProgress, ImportReport } from '../../api/types';
import { useHostFeatures } from '../../api/useHostFeatures';
import { useImportProgressEvent } from '../../api/useVaultEvents';
import { plural } from '../../format/text';
import { Dialog } from '../Dialog/Dialog';
import { ErrorNotice } from '../Field/ErrorNotice';
import { ImportPreviewTable, choicesFor, initialChoices, type RowChoice } from './ImportPreviewTable';
import { ProgressBar } from './ProgressBar';

export interface ImportEnvDialogProps {
  onImported: (report: ImportReport) => void;
  onClose: () => void;
}

/**
 * Import .env…: main reads the file (its open dialog, or the browser host's file input) and keeps
 * the values; this dialog shows the preview, takes the user's choices, and watches the import.
 */
export function ImportEnvDialog({ onImported, onClose }: ImportEnvDialogProps) {
  const features = useHostFeatures();
  const [preview, setPreview] = useState<EnvImportPreview | null>(null);
  const [choices, setChoices] = useState<RowChoice[]>([]);
  const [tagsForAll, setTagsForAll] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const fileId = useId();
  const allTagsId = useId();
  useImportProgressEvent((p) => {
    if (busy) setProgress(p);
  });

  const stage = async (file?: { name: string; text: string }) => {
    setError(null);
    setBusy(true);
    const result = await call('stageEnvImport', file ? { file } : {});
    setBusy(false);
    if (!result.ok) return setError(messageFor(result.error));
    if (!result.value.preview) return; // the dialog was cancelled
    setPreview(result.value.preview);
    setChoices(initialChoices(result.value.preview.rows));
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await stage({ name: file.name, text: await file.text() });
  };

  const commit = async () => {
    if (!preview) return;
    setError(null);
    const rows = choicesFor(choices, tagsForAll);
    if (rows.length === 0) return setError('Select at least one row to import.');
    setBusy(true);
    setProgress(null);
    const result = await call('commitEnvImport', { stagingId: preview.stagingId, rows });
    setBusy(false);
    if (result.ok) onImported(result.value);
    else setError(messageFor(result.error));
  };

  const included = choices.filter((c) => c.include).length;
  const importable = preview?.rows.filter((r) => r.status === 'import').length ?? 0;
  return (
    <Dialog
      title="Import .env file"
      description={preview ? `${preview.fileName}: ${plural(preview.rows.length, 'variable')}. Values stay in Keystash; this list never shows them.` : 'Each variable becomes a key, exported under the same name. Values go straight into the keychain.'}
      onClose={onClose}
      size="large"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose} disabled={busy && preview !== null}>
            Cancel
          </button>
          {preview && (
            <button type="button" className="button button--primary" onClick={() => void commit()} disabled={busy || included === 0}>
              {busy ? 'Importing…' : `Import ${plural(included, 'key')}`}
            </button>
          )}
        </>
      }
    >
      <ErrorNotice message={error} />
      {!preview &&
        features &&
        (features.typedPaths ? (
          <div className="field">
            <label htmlFor={fileId} className="field__label">
              .env file
            </label>
            <input id={fileId} type="file" className="input" onChange={(e) => void onFile(e)} disabled={busy} />
          </div>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => void stage()} disabled={busy}>
            Choose a .env file…
          </button>
        ))}
      {preview && importable === 0 && (
        <p className="notice notice--info">Nothing in {preview.fileName} can be imported: every variable is listed below with the reason.</p>
      )}
      {preview && preview.rows.length === 0 && <p className="notice notice--info">{preview.fileName} has no variables in it.</p>}
      {preview && preview.rows.length > 0 && (
        <>
          {importable > 0 && (
            <div className="field">
              <label htmlFor={allTagsId} className="field__label">
                Tags for all
              </label>
              <input id={allTagsId} className="input" placeholder="e.g. my-app, prod" value={tagsForAll} onChange={(e) => setTagsForAll(e.target.value)} disabled={busy} />
            </div>
          )}
          <ImportPreviewTable rows={preview.rows} choices={choices} onChange={setChoices} disabled={busy} />
        </>
      )}
      {busy && preview && <ProgressBar label="Importing" progress={progress} />}
    </Dialog>
  );
}
