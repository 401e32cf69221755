import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFailingKeychain } from '../keychain/failing-keychain';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { Vault } from '../vault';
import { createDispatcher } from './dispatcher';
import { operationNames, operations, windowOperationNames, type OperationName } from './operations';

/** One clearly wrong value per operation, beyond the unknown-field and wrong-shape cases below. */
const WRONG_TYPED: Record<OperationName, unknown> = {
  authStatus: { verbose: true },
  beginEnrolment: [],
  confirmEnrolment: { code: '12345' },
  unlock: { code: 123456 },
  unlockWithRecoveryCode: { recoveryCode: '<script>' },
  lock: 'now',
  keepAlive: 42,
  listKeys: { sort: 'size' },
  getKey: { key: { id: 'not-a-uuid' } },
  createKey: { name: '', secret: 's' },
  updateKey: { key: { name: 'a' }, url: 'javascript:alert(1)' },
  rotateKey: { key: { name: 'a' }, secret: 7 },
  deleteKey: { key: {} },
  copyKey: { key: { id: 1 } },
  revealKey: { key: { name: 'x'.repeat(101) } },
  copyReference: { key: { id: 'nope' } },
  readSecret: { key: null },
  findKeys: { keys: [{ name: '' }] },
  readSecrets: { keys: [{ name: 'K' }], purpose: 'leak' },
  importKeys: { entries: [{ name: 'K', secret: '', envVar: null }] },
  findStoredValues: { values: [{ provider: null, envVar: 'A-B', secret: 'SECRET' }] },
  exportKeys: { keys: [{ name: 'K' }], format: 'xml' },
  createBackup: { passphrase: 'short' },
  restoreBackup: { content: '{}', passphrase: 'long enough passphrase', onConflict: 'merge' },
  hostFeatures: { typedPaths: true },
  stageEnvImport: { file: { name: '.env', text: 7 } },
  commitEnvImport: { stagingId: 'not-a-uuid', rows: [] },
  chooseExportFile: { format: 'xml' },
  exportToFile: { targetId: '7', keys: [], format: 'dotenv' },
  scanFolder: { path: '' },
  importScanFindings: { stagingId: '00000000-0000-4000-8000-000000000000', fingerprints: ['SECRET'] },
  listTags: { all: 1 },
  renameTag: { from: 'a', to: 'b,c' },
  deleteTag: { tag: 'x'.repeat(41) },
  getSettings: { x: 1 },
  updateSettings: { autoLockMinutes: 0 },
  checkDrift: { refresh: 'yes' },
  repairDrift: { action: 'deleteOrphans', accounts: ['key:not-a-uuid'] },
  listAudit: { event: 'everything' },
  verifyAudit: { deep: true },
};

describe('dispatcher', () => {
  let t: TestVault;
  let cli: ReturnType<typeof createDispatcher>;
  beforeAll(async () => {
    t = await createTestVault();
    await t.enrol();
    cli = createDispatcher(t.vault, 'cli');
  });
  afterAll(() => t.cleanup());

  it.each(operationNames)('%s answers INVALID_ARGUMENT to bad arguments, without echoing them', async (name) => {
    for (const args of [WRONG_TYPED[name], { unexpectedField: 'sk_live_SECRETVALUE' }, 'sk_live_SECRETVALUE', [1, 2]]) {
      const result = await cli(name, args);
      expect(result, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      if (!result.ok) {
        expect(result.error.message).not.toContain('SECRETVALUE');
        expect(result.error.message).not.toMatch(/\n\s+at /); // no stack trace
      }
    }
  });

  it('answers INVALID_ARGUMENT to an unknown or non-string operation', async () => {
    expect(await cli('dropTables', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await cli({ toString: () => 'listKeys' }, {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await cli('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('never lets the window read a value outside Reveal', async () => {
    expect(windowOperationNames).not.toContain('readSecret');
    expect(windowOperationNames).not.toContain('readSecrets');
    expect(windowOperationNames).not.toContain('exportKeys');
    const created = await t.dispatch('createKey', { name: 'K', secret: 'v' });
    expect(created.ok).toBe(true);
    expect(await t.dispatch('readSecret', { key: { name: 'K' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.dispatch('readSecrets', { keys: [{ name: 'K' }], purpose: 'inject' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.dispatch('exportKeys', { keys: [{ name: 'K' }], format: 'json' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cli('readSecret', { key: { name: 'K' } })).toEqual({ ok: true, value: { value: 'v' } });
  });

  it("gives the window a backup only as ciphertext, audited like the CLI's", async () => {
    // createBackup is a window operation on purpose (see operations.ts): the text is encrypted, and
    // the passphrase-holder could Reveal each key anyway. This holds that bargain to its terms.
    await t.dispatch('createKey', { name: 'Backed up', secret: 'sk_live_BACKUPVALUE123' });
    const made = await t.dispatch('createBackup', { passphrase: 'correct horse battery' });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value.content).not.toContain('sk_live_BACKUPVALUE123');
    expect(made.value.content).not.toContain('correct horse battery');
    expect(JSON.parse(made.value.content)).toMatchObject({ format: 'keystash-backup' });
    const audit = await t.dispatch('listAudit', {});
    expect(audit.ok && audit.value.entries.map((e) => e.event)).toContain('backup');
  });

  it('refuses every operation but status, enrolment and unlock with LOCKED while locked', async () => {
    await t.vault.lock();
    const validArgs: Partial<Record<OperationName, unknown>> = {
      getKey: { key: { name: 'K' } },
      createKey: { name: 'New', secret: 'v' },
      updateKey: { key: { name: 'K' }, notes: 'n' },
      rotateKey: { key: { name: 'K' }, secret: 'v2' },
      deleteKey: { key: { name: 'K' } },
      copyKey: { key: { name: 'K' } },
      revealKey: { key: { name: 'K' } },
      copyReference: { key: { name: 'K' } },
      readSecret: { key: { name: 'K' } },
      findKeys: { keys: [{ name: 'K' }] },
      readSecrets: { keys: [{ name: 'K' }], purpose: 'run', command: 'node' },
      importKeys: { entries: [{ name: 'New', secret: 'v', envVar: 'NEW' }] },
      findStoredValues: { values: [{ provider: 'Stripe', envVar: 'STRIPE_KEY', secret: 'v' }] },
      exportKeys: { keys: [{ name: 'K' }], format: 'json' },
      createBackup: { passphrase: 'correct horse battery' },
      restoreBackup: { content: '{}', passphrase: 'correct horse battery' },
      renameTag: { from: 'a', to: 'b' },
      deleteTag: { tag: 'a' },
      updateSettings: { autoLockMinutes: 10 },
      repairDrift: { action: 'forgetMissing', ids: ['00000000-0000-4000-8000-000000000000'] },
      stageEnvImport: {},
      commitEnvImport: { stagingId: '00000000-0000-4000-8000-000000000000', rows: [{ row: 0, name: 'A', tags: [], onConflict: 'skip' }] },
      chooseExportFile: { format: 'dotenv' },
      exportToFile: { targetId: '00000000-0000-4000-8000-000000000000', keys: [{ name: 'K' }], format: 'dotenv' },
      scanFolder: {},
      importScanFindings: { stagingId: '00000000-0000-4000-8000-000000000000', fingerprints: ['0123456789abcdef'] },
    };
    for (const name of operationNames) {
      const result = await cli(name, validArgs[name] ?? {});
      if (operations[name].whileLocked) {
        expect(result.ok || result.error.code !== 'LOCKED', name).toBe(true);
      } else {
        expect(result, name).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      }
    }
  });

  it('turns a missing Secret Service into KEYCHAIN_UNAVAILABLE with advice (failure-injection keychain)', async () => {
    const gone = new Vault({ home: t.home, keychain: createFailingKeychain('keystash-gone', 'KEYCHAIN_UNAVAILABLE') });
    const result = await createDispatcher(gone, 'window')('authStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    if (!result.ok) expect(result.error.message).toMatch(/Secret Service|gnome-keyring|keychain/i);
  });

  it('reports an unexpected failure as INTERNAL with no stack trace', async () => {
    const broken = Object.create(t.vault) as Vault;
    broken.status = () => Promise.reject(new Error('boom at /home/user/secret/path'));
    const seen: string[] = [];
    const result = await createDispatcher(broken, 'window', (op) => seen.push(op))('authStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toContain('boom');
    expect(seen).toEqual(['authStatus']);
  });
});
