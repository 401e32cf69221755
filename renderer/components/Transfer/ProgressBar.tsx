import type { ImportProgress } from '../../api/types';

/** How far a running import is; indeterminate until main reports the first write. */
export function ProgressBar({ label, progress }: { label: string; progress: ImportProgress | null }) {
  const known = progress !== null && progress.total > 0;
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        {known && (
          <span className="progress__count">
            {progress.done} of {progress.total}
          </span>
        )}
      </div>
      <progress className="progress__bar" aria-label={label} max={known ? progress.total : undefined} value={known ? progress.done : undefined} />
    </div>
  );
}
