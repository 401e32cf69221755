import { useCallback, useEffect, useState } from 'react';
import { call } from './client';
import type { ApiError, AuthStatus } from './types';

export interface AuthStatusState {
  status: AuthStatus | null;
  error: ApiError | null;
  refresh: () => Promise<void>;
  /** Operations such as unlock, lock and keepAlive answer with a fresh status; take it as is. */
  setStatus: (status: AuthStatus) => void;
}

export function useAuthStatus(): AuthStatusState {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    const result = await call('authStatus');
    if (result.ok) {
      setStatus(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { status, error, refresh, setStatus };
}
