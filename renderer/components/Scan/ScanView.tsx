import { useId, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { ImportProgress, ScanImportReport, StagedScan } from '../../api/types';
import { useHostFeatures } from '../../api/useHostFeatures';
import { useImportProgressEvent } from '../../api/useVaultEvents';
import { plural } from '../../format/text';
import { ErrorNotice } from '../Field/ErrorNotice';
import { Icon } from '../Icon/Icon';
import { ProgressBar } from '../Transfer/ProgressBar';
import { TypedPath } from '../Transfer/TypedPath';
import { SubviewHeader } from '../SubviewHeader/SubviewHeader';
import { ScanFileGroup } from './ScanFileGroup';

export interface ScanViewProps {
  onBack: () => void;
  onImported: (report: ScanImportReport) => void;
  onCopied: (reference: string) => void;
}

/**
 * Scan a folder…: main walks the folder and keeps what it finds; this view lists the findings by
 * file, masked, imports the selected ones (one key per distinct value) and offers each reference.
 */
export function ScanView({ onBack, onImported, onCopied }: ScanViewProps) {
  const features = useHostFeatures();
  const [path, setPath] = useState('');
  const [scan, setScan] = useState<StagedScan | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [imported, setImported] = useState<ReadonlyMap<string, ScanImportReport['keys'][number]>>(new Map());
  const [busy, setBusy] = useState<'scanning' | 'importing' | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  useImportProgressEvent((p) => {
    if (busy === 'importing') setProgress(p);
  });

  const runScan = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy('scanning');
    const result = await call('scanFolder', features?.typedPaths ? { path } : {});
    setBusy(null);
    if (!result.ok) return setError(messageFor(result.error));
    if (!result.value.scan) return;
    const found = result.value.scan;
    setScan(found);
    setImported(new Map());
    setSelected(new Set(found.files.flatMap((f) => f.findings.map((x) => x.fingerprint))));
  };

  const importSelected = async () => {
    if (!scan) return;
    setError(null);
    setBusy('importing');
    setProgress(null);
    const result = await call('importScanFindings', { stagingId: scan.stagingId, fingerprints: [...selected].filter((f) => !imported.has(f)) });
    setBusy(null);
    if (!result.ok) return setError(messageFor(result.error));
    setImported(new Map([...imported, ...result.value.keys.map((k) => [k.fingerprint, k] as const)]));
    setSelected(new Set());
    onImported(result.value);
  };

  const copyReference = async (keyId: string) => {
    const result = await call('copyReference', { key: { id: keyId } });
    if (result.ok) onCopied(result.value.reference);
    else setError(messageFor(result.error));
  };

  const toggle = (fingerprint: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(fingerprint);
    else next.delete(fingerprint);
    setSelected(next);
  };

  const findings = scan?.files.reduce((n, f) => n + f.findings.length, 0) ?? 0;
  const pending = [...selected].filter((f) => !imported.has(f)).length;
  return (
    <section className="scan" aria-labelledby={titleId}>
      <SubviewHeader titleId={titleId} title="Scan a folder" onBack={onBack} />
      <p className="scan__intro">Finds API keys written into source files. Files are never changed; imported keys get a reference to put where the value was.</p>
      <form className="scan__choose" onSubmit={(e) => void runScan(e)}>
        {features?.typedPaths && <TypedPath label="Folder" value={path} onChange={setPath} placeholder="/home/you/project" />}
        <button type="submit" className="button button--primary" disabled={busy !== null || !features}>
          <Icon name="search" />
          {busy === 'scanning' ? 'Scanning…' : features?.typedPaths ? 'Scan' : 'Choose a folder…'}
        </button>
      </form>
      <ErrorNotice message={error} />
      {scan && findings === 0 && (
        <p className="notice notice--success">
          No hard-coded keys in {scan.root} ({plural(scan.filesScanned, 'file')} scanned).
        </p>
      )}
      {scan && findings > 0 && (
        <>
          <div className="scan__summary">
            <p>
              {plural(findings, 'finding')} ({plural(scan.distinct, 'distinct value')}) in {plural(scan.files.length, 'file')} of {scan.root}; {plural(scan.filesScanned, 'file')} scanned.
            </p>
            <button type="button" className="button button--primary" disabled={busy !== null || pending === 0} onClick={() => void importSelected()}>
              {busy === 'importing' ? 'Importing…' : `Import selected (${pending})`}
            </button>
          </div>
          {busy === 'importing' && <ProgressBar label="Importing" progress={progress} />}
          {scan.files.map((file) => (
            <ScanFileGroup key={file.path} file={file} selected={selected} imported={imported} disabled={busy !== null} onToggle={toggle} onCopy={(id) => void copyReference(id)} />
          ))}
        </>
      )}
      {scan && scan.ignoredEnvFiles.length > 0 && (
        <p className="notice notice--info">Not scanned, because ignore files hide them: {scan.ignoredEnvFiles.join(', ')}. Use Import .env… for those.</p>
      )}
    </section>
  );
}
