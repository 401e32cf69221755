import { call } from './client';
import { useLoader, type Loaded } from './useLoader';
import { useVaultChangedEvent } from './useVaultEvents';
import type { KeyList, ListKeysArgs } from './types';

/** The key list for one query. Refetches when the CLI changes the index behind the window. */
export function useKeys(args: ListKeysArgs): Loaded<KeyList> {
  const loaded = useLoader(() => call('listKeys', args), JSON.stringify(args));
  useVaultChangedEvent(loaded.reload);
  return loaded;
}
