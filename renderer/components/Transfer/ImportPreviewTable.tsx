import type { EnvImportRow } from '../../api/types';

export interface RowChoice {
  row: number;
  include: boolean;
  name: string;
  tags: string;
  onConflict: 'skip' | 'replace';
}

export const initialChoices = (rows: readonly EnvImportRow[]): RowChoice[] =>
  rows.map((r) => ({ row: r.row, include: r.status === 'import' && r.conflict === null, name: r.name, tags: r.tags.join(', '), onConflict: 'skip' }));

const splitTags = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

/** The commit's rows: the included ones, with "tags for all" added to each row's own. */
export function choicesFor(choices: readonly RowChoice[], tagsForAll: string) {
  return choices
    .filter((c) => c.include)
    .map((c) => ({ row: c.row, name: c.name.trim(), tags: [...new Set([...splitTags(c.tags), ...splitTags(tagsForAll)])], onConflict: c.onConflict }));
}

export interface ImportPreviewTableProps {
  rows: readonly EnvImportRow[];
  choices: readonly RowChoice[];
  onChange: (choices: RowChoice[]) => void;
  disabled: boolean;
}

/** One row per variable: include it or not, its key name and tags, and what to do when the name is taken. */
export function ImportPreviewTable({ rows, choices, onChange, disabled }: ImportPreviewTableProps) {
  const set = (index: number, patch: Partial<RowChoice>) => onChange(choices.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <div className="preview-table__scroll">
      <table className="preview-table">
        <thead>
          <tr>
            <th scope="col">Import</th>
            <th scope="col">Key name</th>
            <th scope="col">Variable</th>
            <th scope="col">Provider</th>
            <th scope="col">Tags</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const choice = choices[index]!;
            const usable = row.status === 'import';
            return (
              <tr key={row.row} className={usable ? undefined : 'preview-table__row--muted'}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Import ${row.variable}`}
                    checked={choice.include}
                    disabled={disabled || !usable}
                    onChange={(e) => set(index, { include: e.target.checked })}
                  />
                </td>
                <td>
                  {usable ? (
                    <input className="input input--compact" aria-label={`Key name for ${row.variable}`} value={choice.name} disabled={disabled} onChange={(e) => set(index, { name: e.target.value })} />
                  ) : (
                    <span className="preview-table__reason">
                      Line {row.line}: {row.reason}
                    </span>
                  )}
                  {usable && row.conflict && (
                    <span className="preview-table__conflict">
                      <span className="badge badge--warning">Exists</span>
                      <select
                        className="select select--small"
                        aria-label={`When ${row.conflict.name} exists`}
                        value={choice.onConflict}
                        disabled={disabled}
                        onChange={(e) => set(index, { onConflict: e.target.value === 'replace' ? 'replace' : 'skip', include: true })}
                      >
                        <option value="skip">Keep existing</option>
                        <option value="replace">Replace value</option>
                      </select>
                    </span>
                  )}
                  {row.overriddenLines.length > 0 && <span className="preview-table__reason">Also set on line {row.overriddenLines.join(', ')}; line {row.line} counts.</span>}
                </td>
                <td>
                  <code className="mono-chip">{row.variable}</code>
                </td>
                <td>{row.provider ?? <span className="detail__muted">—</span>}</td>
                <td>
                  {usable && (
                    <input className="input input--compact" aria-label={`Tags for ${row.variable}`} value={choice.tags} disabled={disabled} onChange={(e) => set(index, { tags: e.target.value })} />
                  )}
                </td>
                <td>
                  <code className="preview-table__masked">{row.masked ?? '—'}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
