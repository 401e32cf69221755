import type { AuditEntry } from '../audit/audit-events';
import { isVaultError } from '../errors';
import { environmentNames } from '../env/environment-names';
import { importProgressListener } from '../env/import-progress';
import { renderExport } from '../env/export-formats';
import type { KeyRecord, KeySummary } from '../keys/key-record';
import { findIn } from '../keys/key-service';
import { summarise } from '../keys/key-summary';
import { alreadyStored } from '../scan/stored-values';
import type { ExportFormat } from '../env/export-options';
import type { Vault } from '../vault';
import { importAndAudit } from './import-and-audit';
import { transferHandlers } from './transfer-handlers';
import type { KeyRef } from './schemas';
import type { OperationName, ParsedArgsOf, ResultOf } from './operations';

type Handlers = {
  [N in OperationName]: (vault: Vault, args: ParsedArgsOf<N>) => Promise<ResultOf<N>>;
};

/**
 * What each operation does, in terms of the vault. The dispatcher has already checked lock and args.
 * Audit entries carry ids, field names and counts, never names or tags: the index encrypts those,
 * and the audit log is plain text.
 */
export const handlers: Handlers = {
  authStatus: (vault) => vault.status(),
  beginEnrolment: (vault) => vault.beginEnrolment(),
  confirmEnrolment: async (vault, { code }) => ({ recoveryCodes: await vault.confirmEnrolment(code) }),
  unlock: (vault, { code }) => vault.unlock(code),
  unlockWithRecoveryCode: (vault, { recoveryCode }) => vault.unlockWithRecoveryCode(recoveryCode),
  lock: async (vault) => {
    await vault.lock('user');
    return vault.status();
  },
  keepAlive: (vault) => vault.status(),

  listKeys: (vault, query) => vault.listKeys(query),
  getKey: async (vault, { key }) => withStatus(vault, await vault.keys.find(key)),
  createKey: async (vault, args) => {
    const record = await vault.keys.create(args);
    await vault.audit.append({ event: 'create', keyId: record.id });
    return withStatus(vault, record);
  },
  updateKey: async (vault, args) => {
    const record = await vault.keys.update(args);
    const fields = Object.keys(args).filter((f) => f !== 'key').join(',');
    await vault.audit.append({ event: 'update', keyId: record.id, detail: { fields } });
    return withStatus(vault, record);
  },
  rotateKey: async (vault, { key, secret }) => {
    const record = await vault.keys.rotate(key, secret);
    await vault.audit.append({ event: 'rotate', keyId: record.id });
    return withStatus(vault, record);
  },
  deleteKey: async (vault, { key }) => {
    const record = await vault.keys.delete(key);
    await vault.audit.append({ event: 'delete', keyId: record.id });
    return { id: record.id, name: record.name };
  },
  copyKey: (vault, { key }) => vault.copy(key),
  revealKey: (vault, { key }) => vault.reveal(key),
  copyReference: (vault, { key }) => vault.copyReference(key),
  readSecret: (vault, { key }) => vault.readSecret(key),
  findKeys: async (vault, { keys }) => {
    const data = await vault.index.read();
    return {
      keys: keys.map((ref) => {
        try {
          return withStatus(vault, findIn(data, ref));
        } catch (error) {
          if (isVaultError(error) && error.code === 'NOT_FOUND') return null;
          throw error;
        }
      }),
    };
  },
  readSecrets: (vault, { keys, purpose, command }) =>
    vault.readForUse(async () => {
      const records = await resolveAll(vault, keys);
      const values = await readValues(vault, records);
      const used = unique(records).map((r) => r.id);
      const detail = { keys: used.length, keyIds: used.join(',') };
      return {
        result: { secrets: keys.map((_, i) => ({ id: records[i]!.id, value: values.get(records[i]!.id)! })) },
        ids: used,
        audit: purpose === 'run' ? { event: 'run', detail: { command: command ?? null, ...detail } } : { event: 'export', detail: { format: 'template', ...detail } },
      };
    }),
  findStoredValues: async (vault, { values }) => ({
    keys: (await alreadyStored(vault.keys, values)).map((record) => (record ? { id: record.id, name: record.name } : null)),
  }),
  importKeys: (vault, { entries, onConflict, dryRun }) => importAndAudit(vault, entries, { onConflict: onConflict ?? 'skip', dryRun: dryRun ?? false }),
  exportKeys: (vault, args) => renderKeysExport(vault, args),
  createBackup: async (vault, { passphrase }) => {
    const backup = await (await vault.backups()).create(passphrase);
    await vault.audit.append({ event: 'backup', detail: { keys: backup.keys } });
    return backup;
  },
  restoreBackup: async (vault, { content, passphrase, onConflict, settings, dryRun }) => {
    const report = await (await vault.backups()).restore(content, passphrase, {
      onConflict: onConflict ?? 'skip',
      settings: settings ?? false,
      dryRun: dryRun ?? false,
      onProgress: importProgressListener(vault),
    });
    const { restored, replaced, renamed, skipped, settingsRestored } = report;
    if (!report.dryRun) await vault.audit.append({ event: 'restore', detail: { restored, replaced, renamed, skipped, settings: settingsRestored } });
    return report;
  },

  ...transferHandlers(renderKeysExport),

  listTags: async (vault) => ({ tags: await vault.tags.list() }),
  renameTag: async (vault, { from, to }) => {
    const { renamed, merged } = await vault.tags.rename(from, to);
    await vault.audit.append({ event: 'tag_rename', detail: { keys: renamed, merged } });
    return { renamed, merged };
  },
  deleteTag: async (vault, { tag }) => {
    const result = await vault.tags.remove(tag);
    await vault.audit.append({ event: 'tag_delete', detail: { keys: result.removedFrom } });
    return result;
  },

  getSettings: (vault) => vault.settings(),
  updateSettings: (vault, patch) => vault.updateSettings(patch),

  checkDrift: (vault, { refresh }) => vault.checkDrift({ refresh: refresh ?? false }),
  repairDrift: async (vault, args) => {
    const adopting = args.action === 'adoptOrphans';
    const doctor = await vault.doctor();
    const repair = adopting ? await doctor.adoptOrphans(args.accounts) : await doctor.forgetMissing(args.ids);
    if (repair.repaired.length > 0) {
      // As a create (of an entry for a value that was there) or a delete (of an entry whose value was gone).
      const keyIds = repair.repaired.map((k) => k.id).join(',');
      await vault.audit.append(
        adopting
          ? { event: 'create', detail: { recovered: repair.repaired.length, keyIds } }
          : { event: 'delete', detail: { valueMissing: repair.repaired.length, keyIds } },
      );
    }
    return repair;
  },

  listAudit: async (vault, { keyId, event, limit }) => {
    const entries = (await vault.audit.readAll()).filter(
      (e) => (!keyId || concerns(e, keyId)) && (!event || e.event === event),
    );
    return { entries: entries.slice(-(limit ?? 500)) };
  },
  verifyAudit: (vault) => vault.audit.verify(),
};

/** The text of an export, values included, audited as an export of those keys: for the CLI's text and the app's file alike. */
async function renderKeysExport(vault: Vault, { keys, format, name }: { keys: KeyRef[]; format: ExportFormat; name?: string | undefined }): Promise<{ content: string; count: number }> {
  const records = unique(await resolveAll(vault, keys));
  const byVar = environmentNames(records);
  const values = await readValues(vault, records);
  const content = renderExport(
    format,
    [...byVar].map(([envVar, record]) => ({ name: envVar, value: values.get(record.id)! })),
    name === undefined ? {} : { secretName: name },
  );
  vault.recordUse(
    records.map((r) => r.id),
    { event: 'export', detail: { format, keys: records.length, keyIds: records.map((r) => r.id).join(',') } },
  );
  return { content, count: records.length };
}

function withStatus(vault: Vault, record: KeyRecord): KeySummary {
  return summarise(record, vault.clock());
}

/** Every reference resolved against one read of the index; the first unknown one is NOT_FOUND. */
async function resolveAll(vault: Vault, refs: readonly KeyRef[]): Promise<KeyRecord[]> {
  const data = await vault.index.read();
  return refs.map((ref) => findIn(data, ref));
}

const unique = (records: readonly KeyRecord[]) => [...new Map(records.map((r) => [r.id, r])).values()];

/** Keychain reads in flight at once: gnome-keyring answers 20 reads about twice as fast this way as one by one. */
const READS_AT_ONCE = 8;

async function readValues(vault: Vault, records: readonly KeyRecord[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const pending = unique(records);
  for (let start = 0; start < pending.length; start += READS_AT_ONCE) {
    const batch = pending.slice(start, start + READS_AT_ONCE).map((record) => vault.keys.readValueOf(record));
    // Settled, then the first failure in selection order: the same key is reported whichever read failed first.
    for (const read of await Promise.allSettled(batch)) {
      if (read.status === 'rejected') throw read.reason;
      values.set(read.value.record.id, read.value.value);
    }
  }
  return values;
}

/** An entry is about a key when it names it as its keyId, or lists it among the keyIds of a batch (run, export). */
function concerns(entry: AuditEntry, keyId: string): boolean {
  if (entry.keyId === keyId) return true;
  const ids = entry.detail?.keyIds;
  return typeof ids === 'string' && ids.split(',').includes(keyId);
}
