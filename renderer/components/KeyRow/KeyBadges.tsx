import type { KeySummary } from '../../api/types';

/** The status facts core computed, as short labelled pills. Expired outranks expiring soon. */
export function KeyBadges({ status }: { status: KeySummary['status'] }) {
  const badges: { label: string; tone: string }[] = [];
  if (status.expired) badges.push({ label: 'Expired', tone: 'danger' });
  else if (status.expiringSoon) badges.push({ label: 'Expiring soon', tone: 'danger' });
  if (status.rotationDue) badges.push({ label: 'Rotation due', tone: 'warning' });
  if (status.unused) badges.push({ label: 'Unused', tone: 'muted' });
  if (badges.length === 0) return null;
  return (
    <span className="badges">
      {badges.map((badge) => (
        <span key={badge.label} className={`badge badge--${badge.tone}`}>
          {badge.label}
        </span>
      ))}
    </span>
  );
}
