import { useEffect, useRef } from 'react';
import { DriftOutcome } from './DriftOutcome';
import type { DriftItemState } from './drift-item-state';

export interface MissingValueRowProps {
  name: string;
  id: string;
  state: DriftItemState;
  onAsk: () => void;
  onCancel: () => void;
  onForget: () => void;
}

/** A key whose value is gone. Forgetting it takes two clicks: the second names exactly what goes. */
export function MissingValueRow({ name, id, state, onAsk, onCancel, onForget }: MissingValueRowProps) {
  // "Keep" removes the button that had focus; give it back to "Forget…", where the user left off.
  const askRef = useRef<HTMLButtonElement>(null);
  const previous = useRef(state.kind);
  useEffect(() => {
    if (previous.current === 'confirming' && state.kind === 'open') askRef.current?.focus();
    previous.current = state.kind;
  }, [state.kind]);
  return (
    <li className="drift-item" aria-label={name}>
      <div className="drift-item__what">
        <span className="drift-item__name">{name}</span>
        <span className="drift-item__detail mono">{id}</span>
      </div>
      <div className="drift-item__actions">
        {state.kind === 'forgotten' ? (
          <span className="drift-item__done">Forgotten</span>
        ) : state.kind === 'confirming' || state.kind === 'busy' ? (
          <>
            <span className="drift-item__confirm">Remove “{name}” from the list?</span>
            <button type="button" className="button button--ghost button--small" onClick={onCancel} disabled={state.kind === 'busy'}>
              Keep
            </button>
            <button type="button" className="button button--danger button--small" onClick={onForget} disabled={state.kind === 'busy'} autoFocus>
              {state.kind === 'busy' ? 'Forgetting…' : 'Forget key'}
            </button>
          </>
        ) : (
          state.kind !== 'skipped' && (
            <button ref={askRef} type="button" className="button button--secondary button--small" onClick={onAsk} aria-label={`Forget ${name}…`}>
              Forget…
            </button>
          )
        )}
      </div>
      <DriftOutcome state={state} />
    </li>
  );
}
