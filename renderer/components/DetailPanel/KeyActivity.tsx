import { useAudit } from '../../api/useAudit';
import { formatPreciseTime, formatRelative } from '../../format/dates';
import { AUDIT_EVENT_LABELS, detailText, toneOf } from '../AuditLog/audit-labels';

const RECENT_EVENTS = 20;

/** The key's last 20 audit events, newest first. */
export function KeyActivity({ keyId, refreshKey }: { keyId: string; refreshKey: number }) {
  const audit = useAudit({ keyId, limit: RECENT_EVENTS }, refreshKey);
  const entries = audit.data?.slice(0, RECENT_EVENTS) ?? [];
  return (
    <section className="detail__section" aria-labelledby={`activity-${keyId}`}>
      <h3 id={`activity-${keyId}`} className="detail__section-title">
        Recent activity
      </h3>
      {audit.error && <p className="detail__muted">The activity could not be loaded.</p>}
      {audit.data && entries.length === 0 && <p className="detail__muted">Nothing yet. Copies, reveals and edits will show here.</p>}
      {entries.length > 0 && (
        <ol className="activity">
          {entries.map((entry) => {
            const detail = detailText(entry);
            return (
              <li key={entry.seq} className={`activity__item activity__item--${toneOf(entry.event)}`}>
                <span className="activity__event">{AUDIT_EVENT_LABELS[entry.event]}</span>
                {detail && <span className="activity__detail">{detail}</span>}
                <time className="activity__time" dateTime={entry.ts} title={formatPreciseTime(entry.ts)}>
                  {formatRelative(entry.ts)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
