import type { z } from 'zod';
import type { KeyRecord, KeySummary } from '../keys/key-record';
import { summarise } from '../keys/list-keys';
import type { Vault } from '../vault';
import type { OperationName, Operations, ResultOf } from './operations';

type Handlers = {
  [N in OperationName]: (vault: Vault, args: z.output<Operations[N]['args']>) => Promise<ResultOf<N>>;
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
  searchKeyIds: async (vault, query) => {
    const { keys, total } = await vault.listKeys(query);
    return { ids: keys.map((k) => k.id), total };
  },
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
  readSecret: (vault, { key }) => vault.readSecret(key),

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

  listAudit: async (vault, { keyId, event, limit }) => {
    const entries = (await vault.audit.readAll()).filter(
      (e) => (!keyId || e.keyId === keyId) && (!event || e.event === event),
    );
    return { entries: entries.slice(-(limit ?? 500)) };
  },
  verifyAudit: (vault) => vault.audit.verify(),
};

function withStatus(vault: Vault, record: KeyRecord): KeySummary {
  return summarise(record, vault.clock());
}
