import { formatDuration } from '../../format/duration';
import { useSecondsLeft } from '../../hooks/useSecondsLeft';

/** "Too many wrong codes. Try again in 1 min 30 s." counting down live, then saying so when it may. */
export function ThrottleMessage({ until }: { until: number }) {
  const secondsLeft = useSecondsLeft(until) ?? 0;
  if (secondsLeft <= 0) return <>You can try again now.</>;
  return (
    <>
      Too many wrong codes. Try again in{' '}
      {/* Announced once when it appears; the ticking itself stays quiet. */}
      <span role="timer" aria-live="off">
        {formatDuration(secondsLeft)}
      </span>
      .
    </>
  );
}
