import { useId, useState } from 'react';
import type { AuditEvent } from '../../api/types';
import { useAudit } from '../../api/useAudit';
import type { KeySummaries } from '../../api/useKeySummaries';
import { formatPreciseTime, formatRelative } from '../../format/dates';
import { plural } from '../../format/text';
import { Icon } from '../Icon/Icon';
import { AUDIT_EVENT_LABELS, AUDIT_EVENTS_IN_ORDER, detailText, keyNameOf, toneOf } from './audit-labels';
import { SubviewHeader } from '../SubviewHeader/SubviewHeader';
import { UnlockFailures } from './UnlockFailures';
import { VerifyIntegrity } from './VerifyIntegrity';

const PAGE = 500;
const NO_KEYS: ReadonlyMap<string, { name: string }> = new Map();

/** `keys`: the summaries the main view already holds, for key names and the key filter. */
export function AuditLogView({ keys, onBack }: { keys: KeySummaries | null; onBack: () => void }) {
  const [event, setEvent] = useState<AuditEvent | ''>('');
  const [keyId, setKeyId] = useState('');
  const eventId = useId();
  const keyFilterId = useId();
  const titleId = useId();

  const audit = useAudit({ ...(event ? { event } : {}), ...(keyId ? { keyId } : {}), limit: PAGE });
  const entries = audit.data ?? [];

  return (
    <section className="audit" aria-labelledby={titleId}>
      <SubviewHeader titleId={titleId} title="Audit log" onBack={onBack}>
        <VerifyIntegrity />
      </SubviewHeader>

      <UnlockFailures />

      <div className="audit__filters">
        <div className="inline-field">
          <label htmlFor={eventId}>Event</label>
          <select
            id={eventId}
            className="select"
            value={event}
            onChange={(e) => setEvent(AUDIT_EVENTS_IN_ORDER.find((name) => name === e.target.value) ?? '')}
          >
            <option value="">All events</option>
            {AUDIT_EVENTS_IN_ORDER.map((name) => (
              <option key={name} value={name}>
                {AUDIT_EVENT_LABELS[name]}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={keyFilterId}>Key</label>
          <select id={keyFilterId} className="select" value={keyId} onChange={(e) => setKeyId(e.target.value)}>
            <option value="">All keys</option>
            {keys?.all.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
              </option>
            ))}
          </select>
        </div>
        <span className="audit__count" aria-live="polite">
          {audit.data && (entries.length === PAGE ? `Latest ${PAGE} entries` : plural(entries.length, 'entry', 'entries'))}
        </span>
      </div>

      {audit.error && (
        <p className="notice notice--error" role="alert">
          {audit.error.message}
        </p>
      )}
      {audit.data && entries.length === 0 && <p className="empty-inline">No entries match these filters.</p>}
      {entries.length > 0 && (
        <div className="audit__table-wrap">
          <table className="audit-table">
            <colgroup>
              <col className="audit-table__when" />
              <col className="audit-table__event" />
              <col className="audit-table__key" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Key</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const tone = toneOf(entry.event);
                return (
                  <tr key={entry.seq} className={`audit-row audit-row--${tone}`}>
                    <td className="audit-row__time">
                      <time dateTime={entry.ts} title={`#${entry.seq}`}>
                        {formatPreciseTime(entry.ts)}
                      </time>
                      <span className="audit-row__relative">{formatRelative(entry.ts)}</span>
                    </td>
                    <td>
                      <span className={`event-label event-label--${tone}`}>
                        {tone === 'alert' && <Icon name="alert" size={14} />}
                        {AUDIT_EVENT_LABELS[entry.event]}
                      </span>
                    </td>
                    <td>{keyNameOf(entry, keys?.byId ?? NO_KEYS) ?? <span className="detail__muted">—</span>}</td>
                    <td className="audit-row__detail">{detailText(entry)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
