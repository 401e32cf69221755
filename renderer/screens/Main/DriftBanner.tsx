import { memo } from 'react';
import type { DriftReport } from '../../api/types';
import { Icon } from '../../components/Icon/Icon';
import { plural } from '../../format/text';

/** "2 keys have no value in the keychain · 1 value in the keychain has no key", as much as applies. */
export function driftSummary(report: DriftReport): string {
  const parts: string[] = [];
  const missing = report.missingValues.length;
  const orphaned = report.orphanedValues.length;
  if (missing > 0) parts.push(`${plural(missing, 'key')} ${missing === 1 ? 'has' : 'have'} no value in the keychain`);
  if (orphaned > 0) parts.push(`${plural(orphaned, 'value')} in the keychain ${orphaned === 1 ? 'has' : 'have'} no key`);
  return parts.join(' · ');
}

/**
 * The index and the keychain disagree (an entry removed in Seahorse, a save cut short). Nothing is
 * lost yet and nothing is urgent, so the banner is calm; the review lets the user choose each repair.
 */
export const DriftBanner = memo(function DriftBanner({ report, onReview }: { report: DriftReport; onReview: () => void }) {
  return (
    <div className="banner banner--calm" role="region" aria-label="Keychain check">
      <Icon name="shield" size={18} />
      <p className="banner__text">{driftSummary(report)}</p>
      <button type="button" className="button button--secondary button--small" onClick={onReview}>
        Review
      </button>
    </div>
  );
});
