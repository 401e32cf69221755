import { DriftOutcome } from './DriftOutcome';
import type { DriftItemState } from './drift-item-state';

export interface OrphanedValueRowProps {
  account: string;
  state: DriftItemState;
  onAdopt: () => void;
  onRename: (id: string) => void;
}

/**
 * A value in the keychain that no key names. All that is known of it is its keychain account (the
 * value itself stays in the keychain); adopting it only adds an entry to the list, so it needs no
 * confirmation, and once adopted it can be renamed.
 */
export function OrphanedValueRow({ account, state, onAdopt, onRename }: OrphanedValueRowProps) {
  return (
    <li className="drift-item" aria-label={account}>
      <div className="drift-item__what">
        <span className="drift-item__name mono">{account}</span>
        <span className="drift-item__detail">
          {state.kind === 'adopted' ? `Adopted as “${state.name}”` : 'Keychain entry without a key in the list'}
        </span>
      </div>
      <div className="drift-item__actions">
        {state.kind === 'adopted' ? (
          <button type="button" className="button button--secondary button--small" onClick={() => onRename(state.id)}>
            Rename…
          </button>
        ) : (
          state.kind !== 'skipped' && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onAdopt}
              disabled={state.kind === 'busy'}
              aria-label={`Adopt ${account}`}
            >
              {state.kind === 'busy' ? 'Adopting…' : 'Adopt'}
            </button>
          )
        )}
      </div>
      <DriftOutcome state={state} />
    </li>
  );
}
