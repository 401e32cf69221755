import { Icon } from '../../components/Icon/Icon';
import { plural } from '../../format/text';

/** After a recovery-code unlock the old authenticator is suspect or lost; nudge until it is replaced. */
export function ReenrolBanner({ recoveryCodesLeft, onReenrol }: { recoveryCodesLeft: number; onReenrol: () => void }) {
  return (
    <div className="banner" role="region" aria-label="Authenticator">
      <Icon name="alert" size={18} />
      <p className="banner__text">
        You unlocked with a recovery code. Set up a new authenticator so your phone unlocks Keystash again
        {' '}({plural(recoveryCodesLeft, 'recovery code')} left).
      </p>
      <button type="button" className="button button--secondary button--small" onClick={onReenrol}>
        Set up new authenticator
      </button>
    </div>
  );
}
