import { call } from './client';
import { useLoader, type Loaded } from './useLoader';
import { useVaultChangedEvent } from './useVaultEvents';
import type { TagCount } from './types';

export function useTags(): Loaded<{ tags: TagCount[] }> {
  const loaded = useLoader(() => call('listTags'), 'tags');
  useVaultChangedEvent(loaded.reload);
  return loaded;
}
