import { importProgressListener } from '../env/import-progress';
import type { ImportEntry } from './schemas';
import type { ImportOptions, ImportOutcome } from '../keys/key-service';
import type { Vault } from '../vault';
import type { ImportReport } from './results';

/**
 * Every import the contract runs (importKeys, Import .env…, Scan's Import selected): the batch goes
 * through importMany, progress reaches both a listener in this process (the CLI's progress bar) and
 * the window (`importProgress`, counts only), and a real import is audited as counts.
 */
export async function importAndAudit(
  vault: Vault,
  entries: readonly ImportEntry[],
  options: Pick<ImportOptions, 'onConflict' | 'dryRun'>,
): Promise<ImportReport> {
  const listener = importProgressListener(vault);
  const outcomes = await vault.keys.importMany(entries, {
    ...options,
    onProgress: (done, total) => {
      listener?.(done, total);
      vault.emit('importProgress', { done, total });
    },
  });
  const count = (status: ImportOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const totals = { created: count('created'), replaced: count('replaced'), skipped: count('skipped'), failed: count('failed') };
  if (!options.dryRun) await vault.audit.append({ event: 'import', detail: totals });
  return { outcomes, ...totals, dryRun: options.dryRun };
}
