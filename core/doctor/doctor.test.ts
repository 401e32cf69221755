import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentlyLockedKeychain } from '../keychain/failing-keychain';
import { createKeytarKeychain } from '../keychain/keytar-keychain';
import { newKeyRecord } from '../keys/key-record';
import { secretAccount } from '../keys/key-service';
import { createTestVault, readAllFiles, type TestVault } from '../test-support/test-vault';
import { DoctorService, RECOVERED_TAG } from './doctor-service';
import { findDrift, keyIdOfAccount } from './drift';
import { DRIFT_CHECK_DELAY_MS, type Vault } from '../vault';

const record = (id: string, name: string) => newKeyRecord(id, name, '2026-01-01T00:00:00.000Z');

describe('findDrift', () => {
  const a = randomUUID();
  const b = randomUUID();
  const c = randomUUID();

  it('pairs index entries with head accounts; chunk accounts belong to their head, other accounts are ignored', () => {
    const accounts = [
      'vault:data-key',
      'auth:totp-secret',
      'session',
      secretAccount(a),
      `${secretAccount(a)}#2`,
      `${secretAccount(a)}#3`,
      `${secretAccount(c)}`,
      `${secretAccount(c)}#2`,
      'key:not-a-uuid',
      `${secretAccount(b)}#2`, // a fragment whose head is gone: b's value is missing, not orphaned twice
    ];
    expect(findDrift([record(a, 'Alpha'), record(b, 'Beta')], accounts, 42)).toEqual({
      missingValues: [{ id: b, name: 'Beta' }],
      orphanedValues: [{ account: secretAccount(c) }],
      checkedAt: 42,
    });
  });

  it('reads key ids only from Keystash-shaped head accounts', () => {
    expect(keyIdOfAccount(secretAccount(a))).toBe(a);
    expect(keyIdOfAccount(`${secretAccount(a)}#2`)).toBeNull();
    expect(keyIdOfAccount('key:')).toBeNull();
    expect(keyIdOfAccount('vault:data-key')).toBeNull();
  });
});

/** On the real keychain: drift made the way it happens (a value removed outside Keystash, a crash after a keychain write). */
describe('drift check and repair', () => {
  let t: TestVault;
  afterEach(() => t.cleanup());

  /** An enrolled vault with three keys, one value removed behind its back and one value no entry names. */
  const vaultWithDrift = async () => {
    t = await createTestVault({ now: Date.now });
    const { secret, recoveryCodes } = await t.enrol();
    for (const name of ['Kept', 'Lost value', 'Also kept']) {
      expect((await t.dispatch('createKey', { name, secret: `value of ${name}` })).ok).toBe(true);
    }
    const lost = (await t.vault.keys.find({ name: 'Lost value' })).id;
    await t.keychain.delete(secretAccount(lost)); // as Seahorse or `secret-tool clear` would
    const orphan = randomUUID();
    await t.keychain.set(secretAccount(orphan), 'sk_orphaned_value'); // as a create killed before its index write
    return { lost, orphan, secret, recoveryCodes };
  };

  it('reports both kinds through the contract, without a value anywhere in the answer', async () => {
    const { lost, orphan } = await vaultWithDrift();
    const result = await t.dispatch('checkDrift', {});
    expect(result).toMatchObject({
      ok: true,
      value: { missingValues: [{ id: lost, name: 'Lost value' }], orphanedValues: [{ account: secretAccount(orphan) }] },
    });
    expect(JSON.stringify(result)).not.toMatch(/value of|sk_orphaned/);
  });

  it('adopts an orphaned value as "Recovered key …" only when asked, and the value is then usable', async () => {
    const { orphan } = await vaultWithDrift();
    const before = (await t.vault.keys.all()).length;
    const repaired = await t.dispatch('repairDrift', { action: 'adoptOrphans', accounts: [secretAccount(orphan)] });
    const name = `Recovered key ${orphan.slice(0, 8)}`;
    expect(repaired).toEqual({ ok: true, value: { repaired: [{ id: orphan, name }], skipped: [] } });
    const adopted = await t.vault.keys.find({ id: orphan });
    expect(adopted).toMatchObject({ name, tags: [RECOVERED_TAG], notes: expect.stringMatching(/without an index entry/) });
    expect((await t.vault.keys.all()).length).toBe(before + 1);
    expect(await t.dispatch('revealKey', { key: { name } })).toMatchObject({ ok: true, value: { value: 'sk_orphaned_value' } });
    const after = await t.dispatch('checkDrift', { refresh: true });
    expect(after.ok && after.value.orphanedValues).toEqual([]);
    const audit = (await t.vault.audit.readAll()).filter((e) => e.detail?.recovered !== undefined);
    expect(audit).toMatchObject([{ event: 'create', detail: { recovered: 1, keyIds: orphan } }]);
  });

  it('forgets an entry whose value is gone only when asked, and never deletes a value', async () => {
    const { lost, orphan } = await vaultWithDrift();
    const accountsBefore = (await t.keychain.listAccounts()).sort();
    const repaired = await t.dispatch('repairDrift', { action: 'forgetMissing', ids: [lost] });
    expect(repaired).toEqual({ ok: true, value: { repaired: [{ id: lost, name: 'Lost value' }], skipped: [] } });
    expect((await t.vault.keys.all()).map((k) => k.name).sort()).toEqual(['Also kept', 'Kept']);
    expect((await t.keychain.listAccounts()).sort()).toEqual(accountsBefore);
    const report = await t.vault.checkDrift({ refresh: true });
    expect(report.missingValues).toEqual([]);
    expect(report.orphanedValues).toEqual([{ account: secretAccount(orphan) }]); // still there: adopting it is a separate choice
  });

  it('looks again before repairing, and leaves alone what is no longer drift', async () => {
    const { lost, orphan } = await vaultWithDrift();
    const kept = (await t.vault.keys.find({ name: 'Kept' })).id;
    const ghost = randomUUID();
    await t.keychain.set(secretAccount(lost), 'put back meanwhile');
    const forget = await (await t.vault.doctor()).forgetMissing([lost, kept, ghost]);
    expect(forget.repaired).toEqual([]);
    expect(forget.skipped.map((s) => s.target)).toEqual([lost, kept, ghost]);
    await t.keychain.delete(secretAccount(orphan));
    const adopt = await (await t.vault.doctor()).adoptOrphans([secretAccount(orphan), secretAccount(kept)]);
    expect(adopt.repaired).toEqual([]);
    expect(adopt.skipped).toEqual([
      { target: secretAccount(orphan), reason: 'its value is no longer in the keychain' },
      { target: secretAccount(kept), reason: 'an index entry names it (again)' },
    ]);
    expect((await t.vault.keys.all()).length).toBe(3);
  });

  it('picks a free name when "Recovered key …" is taken', async () => {
    const { orphan } = await vaultWithDrift();
    const name = `Recovered key ${orphan.slice(0, 8)}`;
    expect((await t.dispatch('createKey', { name, secret: 'x' })).ok).toBe(true);
    const adopt = await (await t.vault.doctor()).adoptOrphans([secretAccount(orphan)]);
    expect(adopt.repaired).toEqual([{ id: orphan, name: `${name} (2)` }]);
  });

  it('counts a chunked value by its head: its chunk entries are never orphans', async () => {
    t = await createTestVault({ now: Date.now });
    await t.enrol();
    const chunking = createKeytarKeychain(t.service, { chunkBytes: 256 });
    const id = randomUUID();
    await chunking.set(secretAccount(id), 'c'.repeat(2_000)); // head plus several #n entries
    await t.vault.index.update((data) => void data.keys.push(record(id, 'Chunked')));
    const accounts = await t.keychain.listAccounts();
    expect(accounts.filter((a) => a.startsWith(`${secretAccount(id)}#`)).length).toBeGreaterThan(2);
    expect(await t.vault.checkDrift({ refresh: true })).toMatchObject({ missingValues: [], orphanedValues: [] });
  });

  it('refuses to judge a keychain that hides its entries (a locked keyring answers "none"), and changes nothing', async () => {
    const { lost } = await vaultWithDrift();
    const path = join(t.home, 'index.json.enc');
    const bytes = await readFile(path);
    const doctor = new DoctorService(t.vault.index, createSilentlyLockedKeychain(t.service), Date.now);
    await expect(doctor.check()).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED', message: expect.stringMatching(/nothing was changed/) });
    const everyone = (await t.vault.keys.all()).map((k) => k.id);
    await expect(doctor.forgetMissing(everyone)).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
    await expect(doctor.adoptOrphans([secretAccount(lost)])).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
    expect(await readFile(path)).toEqual(bytes);
  });

  it('runs in the background after an unlock in a watching host, and the first checkDrift takes that report', async () => {
    const { secret, lost, recoveryCodes } = await vaultWithDrift();
    await t.vault.lock();
    const host = t.reopen({ now: Date.now });
    host.watch();
    const checks = await countingChecks(host);
    const unlocked = Date.now();
    await host.unlock(await t.code(secret, 1));
    expect(Date.now() - unlocked).toBeLessThan(5_000);
    // Not awaited by the unlock, and not started until the window's first paint has had the CPU.
    expect(checks()).toBe(0);
    const first = await host.checkDrift();
    expect(checks()).toBe(1);
    expect(Date.now() - unlocked).toBeGreaterThanOrEqual(DRIFT_CHECK_DELAY_MS);
    expect(first.missingValues).toEqual([{ id: lost, name: 'Lost value' }]);
    await host.checkDrift();
    expect(checks()).toBe(2); // later calls list the keychain afresh
    // The CLI (not watching) never starts one.
    const cli = t.reopen({ now: Date.now });
    const cliChecks = await countingChecks(cli);
    await cli.lock();
    await cli.unlockWithRecoveryCode(recoveryCodes[0]!);
    expect(cliChecks()).toBe(0);
  });

  it('a lock before the background check starts cancels it, and a window waiting for its report is told the vault locked', async () => {
    const { secret } = await vaultWithDrift();
    await t.vault.lock();
    const host = t.reopen({ now: Date.now });
    host.watch();
    const checks = await countingChecks(host);
    await host.unlock(await t.code(secret, 1));
    const waiting = expect(host.checkDrift()).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringMatching(/Unlock to check again/) });
    await host.lock();
    await waiting;
    await new Promise((resolve) => setTimeout(resolve, DRIFT_CHECK_DELAY_MS + 200));
    expect(checks()).toBe(0);
    await host.shutdown();
  });

  it('writes no value and no name to any file', async () => {
    const { orphan, lost } = await vaultWithDrift();
    await (await t.vault.doctor()).adoptOrphans([secretAccount(orphan)]);
    await (await t.vault.doctor()).forgetMissing([lost]);
    for (const file of await readAllFiles(t.home)) {
      expect(file.text, file.path).not.toMatch(/sk_orphaned_value|value of|Lost value|Recovered key/);
    }
  });
});

/** How many keychain listings a vault's drift check has made: a counter around the real check. */
async function countingChecks(vault: Vault): Promise<() => number> {
  const doctor = await vault.doctor();
  const check = doctor.check.bind(doctor);
  let checks = 0;
  doctor.check = () => {
    checks++;
    return check();
  };
  return () => checks;
}
