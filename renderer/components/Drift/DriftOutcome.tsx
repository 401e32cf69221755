import type { DriftItemState } from './drift-item-state';

/** What became of an item after a repair was tried, in the words the CLI's doctor uses. */
export function DriftOutcome({ state }: { state: DriftItemState }) {
  switch (state.kind) {
    case 'skipped':
      return <p className="drift-item__note">Left alone: {state.reason}.</p>;
    case 'failed':
      return (
        <p className="drift-item__note drift-item__note--error" role="alert">
          {state.message}
        </p>
      );
    default:
      return null;
  }
}
