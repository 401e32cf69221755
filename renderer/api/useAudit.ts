import { call } from './client';
import { useLoader, type Loaded } from './useLoader';
import { useVaultChangedEvent } from './useVaultEvents';
import type { ArgsOf, AuditEntry } from './types';

/**
 * Audit entries, newest first. The contract does not promise an order, so they are sorted by
 * sequence number here.
 */
export function useAudit(query: NonNullable<ArgsOf<'listAudit'>>, refreshKey = 0): Loaded<AuditEntry[]> {
  const loaded = useLoader(async () => {
    const result = await call('listAudit', query);
    if (!result.ok) return result;
    const entries = [...result.value.entries].sort((a, b) => b.seq - a.seq);
    return { ok: true as const, value: entries };
  }, `${JSON.stringify(query)}#${refreshKey}`);
  useVaultChangedEvent(loaded.reload);
  return loaded;
}
