import { useEffect, useState } from 'react';

/** A hidden window runs no animation frames; then the value follows after this long instead. */
const HIDDEN_WINDOW_MS = 100;

/**
 * `value`, one paint late: the render that changed it is committed and painted first, and this
 * follows in a render of its own right after that frame. Unlike useDeferredValue, whose render may
 * run before the browser paints and so add its own work to that frame, this never delays the frame
 * that shows the change.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [later, setLater] = useState(value);
  useEffect(() => {
    let pending = true;
    const follow = () => {
      if (!pending) return;
      pending = false;
      // As an updater, so a function-valued T is stored, not called; the same value renders nothing.
      setLater(() => value);
    };
    // A task posted from an animation frame runs once that frame's style, layout and paint are done.
    const frame = requestAnimationFrame(() => setTimeout(follow, 0));
    const fallback = setTimeout(follow, HIDDEN_WINDOW_MS);
    return () => {
      pending = false;
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
    };
  }, [value]);
  return later;
}
