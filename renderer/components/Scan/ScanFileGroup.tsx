import type { ScanImportReport, StagedScan } from '../../api/types';
import { Icon } from '../Icon/Icon';

type ImportedKey = ScanImportReport['keys'][number];

export interface ScanFileGroupProps {
  file: StagedScan['files'][number];
  selected: ReadonlySet<string>;
  imported: ReadonlyMap<string, ImportedKey>;
  disabled: boolean;
  onToggle: (fingerprint: string, on: boolean) => void;
  onCopy: (keyId: string) => void;
}

/** One file's findings: a checkbox each (equal values go together), then the reference once imported. */
export function ScanFileGroup({ file, selected, imported, disabled, onToggle, onCopy }: ScanFileGroupProps) {
  return (
    <section className="scan-file" aria-label={file.path}>
      <h2 className="scan-file__path">
        <code>{file.path}</code>
      </h2>
      <ul className="scan-file__findings">
        {file.findings.map((f) => {
          const key = imported.get(f.fingerprint);
          const where = `${file.path}:${f.line}:${f.column}`;
          return (
            <li key={`${f.line}:${f.column}`} className="scan-finding">
              <input
                type="checkbox"
                aria-label={`Select ${where}`}
                checked={key !== undefined || selected.has(f.fingerprint)}
                disabled={disabled || key !== undefined}
                onChange={(e) => onToggle(f.fingerprint, e.target.checked)}
              />
              <span className="scan-finding__where">
                {f.line}:{f.column}
              </span>
              <span className="scan-finding__provider">{f.provider}</span>
              <code className="scan-finding__masked">{f.masked}</code>
              {key?.reference && key.id ? (
                <span className="scan-finding__reference">
                  {key.status === 'existing' ? <span className="badge">Already stored</span> : null}
                  <code>{key.reference}</code>
                  <button type="button" className="button button--secondary button--small" aria-label={`Copy reference for ${where}`} onClick={() => onCopy(key.id!)}>
                    <Icon name="copy" />
                    Copy
                  </button>
                </span>
              ) : key ? (
                <span className="scan-finding__reason">Not imported: {key.reason}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
