import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from './types';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `key` changes (or `reload` is called) and keeps only the answer to the latest
 * request: with search-as-you-type, an early slow response must never overwrite a later fast one.
 * On failure the previous data stays on screen, so a list does not flash empty. Until `enabled`,
 * nothing is loaded.
 */
export function useLoader<T>(load: () => Promise<Result<T>>, key: string, enabled = true): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setLoading(true);
    void latestLoad.current().then((result) => {
      if (!current) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
      setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [key, version, enabled]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
