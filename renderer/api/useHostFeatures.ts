import { call } from './client';
import type { HostFeatures } from './types';
import { useLoader } from './useLoader';

/** Whether this host has native file dialogs (the app) or takes typed paths (the browser host). */
export function useHostFeatures(): HostFeatures | null {
  return useLoader(() => call('hostFeatures'), 'hostFeatures').data;
}
