import { memo, type ReactNode } from 'react';
import type { KeySummary } from '../../api/types';
import { formatDate, formatPreciseTime, formatRelative, nextRotationDate } from '../../format/dates';
import { safeHttpUrl } from '../../format/text';
import { Icon } from '../Icon/Icon';
import { KeyAvatar } from '../KeyRow/KeyAvatar';
import { KeyBadges } from '../KeyRow/KeyBadges';
import { TagChips } from '../KeyRow/TagChips';
import { KeyActivity } from './KeyActivity';
import { SecretField } from './SecretField';

export interface DetailPanelProps {
  keySummary: KeySummary;
  /** Bumped after anything that adds an audit entry for this key, to refresh its activity. */
  activityVersion: number;
  /** The last keychain check found no value for this key (removed outside Keystash). */
  valueMissing: boolean;
  onCopy: (key: KeySummary) => void;
  onCopyReference: (key: KeySummary) => void;
  onEdit: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
  onDelete: (key: KeySummary) => void;
  onRevealed: () => void;
  onError: (message: string) => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A date, with how long ago (or until) on the line under it. */
function When({ iso, empty = 'Never' }: { iso: string | null; empty?: string }) {
  if (!iso) return <span className="detail__muted">{empty}</span>;
  return (
    <>
      <time dateTime={iso} title={formatPreciseTime(iso)}>
        {formatDate(iso)}
      </time>
      <span className="detail__relative">{formatRelative(iso)}</span>
    </>
  );
}

/** Memoised: typing in search re-renders it only when the selected key itself changes. */
export const DetailPanel = memo(function DetailPanel({
  keySummary: key,
  activityVersion,
  valueMissing,
  onCopy,
  onCopyReference,
  onEdit,
  onRotate,
  onDelete,
  onRevealed,
  onError,
}: DetailPanelProps) {
  const url = safeHttpUrl(key.url);
  const nextRotation = nextRotationDate(key.rotatedAt, key.createdAt, key.rotateEveryDays);
  const titleId = `detail-title-${key.id}`;
  return (
    <section className="detail" aria-labelledby={titleId}>
      <header className="detail__header">
        <KeyAvatar name={key.name} provider={key.provider} size="large" />
        <div className="detail__heading">
          <h2 id={titleId} className="detail__title">
            {key.name}
          </h2>
          {key.provider && <p className="detail__subtitle">{key.provider}</p>}
          <KeyBadges status={key.status} />
        </div>
      </header>
      <div className="detail__actions">
        <button type="button" className="button button--secondary button--small" onClick={() => onEdit(key)}>
          <Icon name="pencil" />
          Edit
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => onRotate(key)}>
          <Icon name="rotate" />
          Rotate…
        </button>
        <button type="button" className="button button--danger-ghost button--small" onClick={() => onDelete(key)}>
          <Icon name="trash" />
          Delete
        </button>
      </div>

      <SecretField key={key.id} keyId={key.id} valueMissing={valueMissing} onCopy={() => onCopy(key)} onRevealed={onRevealed} onError={onError} />

      <dl className="detail__fields">
        <Row label="Environment variable">
          {key.envVar ? <code className="mono-chip">{key.envVar}</code> : <span className="detail__muted">None</span>}
        </Row>
        <Row label="Reference">
          <span className="detail__reference">
            <code className="mono-chip">{key.reference}</code>
            <button type="button" className="button button--secondary button--small" onClick={() => onCopyReference(key)}>
              <Icon name="copy" />
              Copy reference
            </button>
          </span>
        </Row>
        <Row label="Tags">{key.tags.length > 0 ? <TagChips tags={key.tags} /> : <span className="detail__muted">None</span>}</Row>
        {key.scopes.length > 0 && (
          <Row label="Scopes">
            <ul className="scopes">
              {key.scopes.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          </Row>
        )}
        {key.url && (
          <Row label="Console URL">
            {url ? (
              <a className="external-link" href={url} target="_blank" rel="noopener noreferrer">
                {key.url}
                <Icon name="external" size={13} />
              </a>
            ) : (
              key.url
            )}
          </Row>
        )}
        {key.notes && (
          <Row label="Notes">
            <p className="detail__notes">{key.notes}</p>
          </Row>
        )}
      </dl>

      <dl className="detail__fields detail__fields--dates">
        <Row label="Last used">
          <When iso={key.lastUsedAt} />
        </Row>
        <Row label="Rotated">
          <When iso={key.rotatedAt} />
        </Row>
        <Row label="Rotate every">
          {key.rotateEveryDays ? (
            <>
              <span className={key.status.rotationDue ? 'text-warning' : undefined}>{key.rotateEveryDays} days</span>
              {nextRotation && (
                <span className={key.status.rotationDue ? 'detail__relative text-warning' : 'detail__relative'}>
                  {key.status.rotationDue ? 'Due since' : 'Next'} {formatDate(nextRotation)}
                </span>
              )}
            </>
          ) : (
            <span className="detail__muted">Not set</span>
          )}
        </Row>
        <Row label="Expires on">
          <span className={key.status.expired || key.status.expiringSoon ? 'text-danger' : undefined}>
            <When iso={key.expiresAt} empty="No expiry" />
          </span>
        </Row>
        <Row label="Added">
          <When iso={key.createdAt} />
        </Row>
        <Row label="Updated">
          <When iso={key.updatedAt} />
        </Row>
      </dl>

      <KeyActivity keyId={key.id} refreshKey={activityVersion} />
    </section>
  );
});
