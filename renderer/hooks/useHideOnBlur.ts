import { useEffect, useRef } from 'react';

/** Calls `hide` when the window loses focus or is hidden: a revealed value must not outlive attention. */
export function useHideOnBlur(active: boolean, hide: () => void): void {
  const latest = useRef(hide);
  useEffect(() => {
    latest.current = hide;
  });
  useEffect(() => {
    if (!active) return;
    const onBlur = () => latest.current();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') latest.current();
    };
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active]);
}
