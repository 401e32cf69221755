import { useState } from 'react';
import { Icon } from '../../components/Icon/Icon';
import { groupsOfFour } from '../../format/text';

/**
 * The base32 secret for manual entry. Copying it through navigator.clipboard is fine: it is the
 * authenticator's setup key, shown on screen anyway, not a vault value.
 */
export function SetupKey({ secret }: { secret: string }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  return (
    <div className="setup-key">
      <h2 className="setup-key__title">Can't scan? Enter this setup key</h2>
      {/* Real spaces between the groups (authenticator apps accept them, and a screen reader reads
          groups); the grid lays them out four to a line. */}
      <p className="setup-key__value">
        {groupsOfFour(secret).map((group, index, groups) => (
          <span key={index}>{index < groups.length - 1 ? `${group} ` : group}</span>
        ))}
      </p>
      <p className="setup-key__meta">Time-based, 6 digits, every 30 seconds.</p>
      <div className="setup-key__actions">
        <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
          <Icon name={copyState === 'copied' ? 'check' : 'copy'} />
          Copy setup key
        </button>
        <span className="setup-key__status" role="status">
          {copyState === 'copied' && 'Copied'}
          {copyState === 'failed' && 'Could not copy. Select the key and copy it by hand.'}
        </span>
      </div>
    </div>
  );
}
