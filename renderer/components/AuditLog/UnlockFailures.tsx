import { useAudit } from '../../api/useAudit';
import { formatDateTime } from '../../format/dates';
import { plural } from '../../format/text';
import { Icon } from '../Icon/Icon';

const WINDOW_DAYS = 7;
const LOOKBACK = 1000;

/**
 * Failed unlocks and throttling are the events an owner must not miss, so they get a summary above
 * the log whatever the filters say.
 */
export function UnlockFailures() {
  const failures = useAudit({ event: 'unlock_failed', limit: LOOKBACK });
  const throttles = useAudit({ event: 'throttled', limit: LOOKBACK });
  if (!failures.data || !throttles.data) return null;

  const since = Date.now() - WINDOW_DAYS * 86_400_000;
  const recent = (ts: string) => new Date(ts).getTime() >= since;
  const recentFailures = failures.data.filter((entry) => recent(entry.ts));
  const recentThrottles = throttles.data.filter((entry) => recent(entry.ts));
  const latest = [...recentFailures, ...recentThrottles].sort((a, b) => b.seq - a.seq)[0];

  if (!latest) {
    return (
      <p className="notice notice--success audit-summary">
        <Icon name="shield" /> No failed unlock attempts in the last {WINDOW_DAYS} days.
      </p>
    );
  }
  const parts = [plural(recentFailures.length, 'failed unlock attempt')];
  if (recentThrottles.length > 0) parts.push(`${plural(recentThrottles.length, 'time')} throttled`);
  return (
    <div className="notice notice--error audit-summary" role="note">
      <Icon name="alert" size={18} />
      <div>
        <strong>
          {parts.join(', ')} in the last {WINDOW_DAYS} days.
        </strong>{' '}
        The latest was {formatDateTime(latest.ts)}. If that was not you, someone has tried codes at this computer.
      </div>
    </div>
  );
}
