import { useAudit } from '../../api/useAudit';
import { formatPreciseTime, formatRelative } from '../../format/dates';
import { useHasSettled } from '../../hooks/useHasSettled';
import { AUDIT_EVENT_LABELS, detailText, toneOf } from '../AuditLog/audit-labels';

const RECENT_EVENTS = 20;
/**
 * While the user types in search, the panel follows each new first result. Listing a key's activity
 * reads the whole audit log in the vault (about 25 ms at 20,000 entries), which would hold up the
 * next keystroke's search, so it waits until the key has stayed in the panel this long.
 */
const SETTLE_MS = 200;

/** The key's last 20 audit events, newest first. */
export function KeyActivity({ keyId, refreshKey }: { keyId: string; refreshKey: number }) {
  const settled = useHasSettled(keyId, SETTLE_MS);
  return (
    <section className="detail__section" aria-labelledby={`activity-${keyId}`}>
      <h3 id={`activity-${keyId}`} className="detail__section-title">
        Recent activity
      </h3>
      {/* Keyed by the key, so another key's entries are never shown while this one's load. */}
      {settled && <ActivityEntries key={keyId} keyId={keyId} refreshKey={refreshKey} />}
    </section>
  );
}

function ActivityEntries({ keyId, refreshKey }: { keyId: string; refreshKey: number }) {
  const audit = useAudit({ keyId, limit: RECENT_EVENTS }, refreshKey);
  const entries = audit.data?.slice(0, RECENT_EVENTS) ?? [];
  if (audit.error) return <p className="detail__muted">The activity could not be loaded.</p>;
  if (audit.data && entries.length === 0) return <p className="detail__muted">Nothing yet. Copies, reveals and edits will show here.</p>;
  if (entries.length === 0) return null;
  return (
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
  );
}
