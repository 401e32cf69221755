import { useId, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { ExportFormat, ExportTarget, KeySummary } from '../../api/types';
import { useHostFeatures } from '../../api/useHostFeatures';
import { plural } from '../../format/text';
import { Dialog } from '../Dialog/Dialog';
import { ErrorNotice } from '../Field/ErrorNotice';
import { TypedPath } from './TypedPath';

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'dotenv', label: '.env file' },
  { value: 'shell', label: 'Shell exports (export NAME=…)' },
  { value: 'json', label: 'JSON object' },
  { value: 'k8s', label: 'Kubernetes Secret (YAML)' },
];

export interface ExportDialogProps {
  /** The keys the list shows now (search, tags, filter). */
  shownKeys: readonly KeySummary[];
  allKeys: readonly KeySummary[];
  onExported: (path: string, count: number) => void;
  onClose: () => void;
}

/**
 * Export…: main picks the file (its save dialog; the browser host takes a typed path), checks git,
 * and writes the values itself, 0600. A file git could commit, or one that exists, is named here
 * first, with Save anyway.
 */
export function ExportDialog({ shownKeys, allKeys, onExported, onClose }: ExportDialogProps) {
  const features = useHostFeatures();
  const [scope, setScope] = useState<'shown' | 'all'>(shownKeys.length < allKeys.length ? 'shown' : 'all');
  const [format, setFormat] = useState<ExportFormat>('dotenv');
  const [path, setPath] = useState('');
  const [target, setTarget] = useState<ExportTarget | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formatId = useId();
  const keys = scope === 'shown' ? shownKeys : allKeys;

  const write = async (chosen: ExportTarget, confirmed: boolean) => {
    const result = await call('exportToFile', {
      targetId: chosen.targetId,
      keys: keys.map((k) => ({ id: k.id })),
      format,
      ...(confirmed ? { allowTracked: true, overwrite: true } : {}),
    });
    if (result.ok) onExported(result.value.path, result.value.count);
    else setError(messageFor(result.error));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (target) return await write(target, true); // Save anyway
      const chosen = await call('chooseExportFile', { format, ...(features?.typedPaths ? { path } : {}) });
      if (!chosen.ok) return setError(messageFor(chosen.error));
      const picked = chosen.value.target;
      if (!picked) return; // the dialog was cancelled
      if (picked.unignoredWorkTree !== null || picked.existsUnconfirmed) setTarget(picked);
      else await write(picked, false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Export keys"
      description="Writes the keys with their values to a file only you can read. Anyone with the file has the keys."
      onClose={onClose}
      onSubmit={(e) => void save(e)}
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={target ? 'button button--danger' : 'button button--primary'} disabled={busy || keys.length === 0}>
            {target ? 'Save anyway' : features?.typedPaths ? 'Save' : 'Save…'}
          </button>
        </>
      }
    >
      <ErrorNotice message={error} />
      {target && (
        <div className="notice notice--error" role="alert">
          <div>
            {target.unignoredWorkTree !== null && (
              <p>
                {target.path} is inside the git work tree {target.unignoredWorkTree}, and git does not ignore it: a commit could publish these secrets.
              </p>
            )}
            {target.existsUnconfirmed && <p>{target.path} already exists and would be replaced.</p>}
          </div>
        </div>
      )}
      <fieldset className="export-scope" disabled={busy || target !== null}>
        <legend className="field__label">Keys</legend>
        <label className="checkbox">
          <input type="radio" name="export-scope" checked={scope === 'shown'} onChange={() => setScope('shown')} />
          The {plural(shownKeys.length, 'key')} in the list now
        </label>
        <label className="checkbox">
          <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          All {plural(allKeys.length, 'key')}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={formatId} className="field__label">
          Format
        </label>
        <select id={formatId} className="select" value={format} disabled={busy || target !== null} onChange={(e) => setFormat(FORMATS.find((f) => f.value === e.target.value)?.value ?? 'dotenv')}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {features?.typedPaths && !target && <TypedPath label="Save to" value={path} onChange={setPath} placeholder="/home/you/keys.env" />}
    </Dialog>
  );
}
