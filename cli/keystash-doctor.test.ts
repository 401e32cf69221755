import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeytarKeychain } from '../core/keychain/keytar-keychain';
import type { Keychain } from '../core/keychain/keychain';
import { secretAccount } from '../core/keys/key-service';
import { useCliSandbox, type CliSandbox } from './test/cli-harness';

/** `keystash doctor` on the real keychain: report, exit status, and repairs only when asked. */
describe('keystash doctor', () => {
  const values = { kept: 'sk_doctor_kept_value_1', lost: 'sk_doctor_lost_value_2', orphan: 'sk_doctor_orphan_value_3' };
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
    await s.ok(['add', 'Kept'], { input: values.kept });
    await s.ok(['add', 'Lost value'], { input: values.lost });
  });
  let sandbox: CliSandbox;
  let keychain: Keychain;
  beforeAll(() => {
    sandbox = currentSandbox();
    keychain = createKeytarKeychain(sandbox.service);
  });

  const idOf = async (name: string) => {
    const { keys } = JSON.parse((await sandbox.ok(['list', '--json'])).stdout) as { keys: { id: string; name: string }[] };
    return keys.find((k) => k.name === name)?.id;
  };

  it('says so and exits 0 when the index and the keychain agree', async () => {
    const clean = await sandbox.ok(['doctor']);
    expect(clean.stdout).toMatch(/^No drift: every key has its value in the keychain \(service "keystash-test-[0-9a-f]+"\), and every value there has a key\.\n$/);
    expect(JSON.parse((await sandbox.ok(['doctor', '--json'])).stdout)).toMatchObject({ missingValues: [], orphanedValues: [], clean: true });
  });

  it('reports drift with exit 1 and repairs nothing unless asked', async () => {
    const lostId = (await idOf('Lost value'))!;
    await keychain.delete(secretAccount(lostId)); // removed behind Keystash's back
    const orphan = randomUUID();
    await keychain.set(secretAccount(orphan), values.orphan); // a create killed before its index write

    const report = await sandbox.run(['doctor']);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('1 key has no value in the keychain');
    expect(report.stdout).toMatch(new RegExp(`Lost value\\s+${lostId}`));
    expect(report.stdout).toContain(`1 value in the keychain (service "${sandbox.service}") has no key:\n  ${secretAccount(orphan)}\n`);
    expect(report.stderr).toContain('keystash doctor --forget-missing');
    expect(report.stderr).toContain('keystash doctor --adopt-orphans');

    const json = await sandbox.run(['doctor', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      missingValues: [{ id: lostId, name: 'Lost value' }],
      orphanedValues: [{ account: secretAccount(orphan) }],
      adopted: null,
      forgotten: null,
      clean: false,
    });
    expect(await idOf('Lost value')).toBe(lostId); // still listed: nothing repaired

    // One repair at a time: the other kind of drift remains, so still exit 1.
    const adopted = await sandbox.run(['doctor', '--adopt-orphans']);
    expect(adopted.code).toBe(1);
    const recovered = `Recovered key ${orphan.slice(0, 8)}`;
    expect(adopted.stdout).toContain(`Adopted as "${recovered}" (${orphan}).`);
    expect((await sandbox.ok(['get', recovered])).stdout).toBe(values.orphan);

    const forgotten = await sandbox.run(['doctor', '--forget-missing', '--json']);
    expect(forgotten.code).toBe(0);
    expect(JSON.parse(forgotten.stdout)).toMatchObject({ forgotten: { repaired: [{ id: lostId, name: 'Lost value' }] }, clean: true });
    expect(await idOf('Lost value')).toBeUndefined();
    expect((await sandbox.ok(['doctor'])).stdout).toMatch(/^No drift/);

    // The audit log records both repairs, by id only.
    const { entries } = JSON.parse((await sandbox.ok(['audit', '--json'])).stdout) as { entries: { event: string; detail?: Record<string, unknown> }[] };
    expect(entries.filter((e) => e.detail?.recovered === 1 || e.detail?.valueMissing === 1).map((e) => e.event)).toEqual(['create', 'delete']);
  });

  it('repairs both kinds in one run and exits 0', async () => {
    await sandbox.ok(['add', 'Second loss'], { input: 'sk_doctor_second_loss_4' });
    await keychain.delete(secretAccount((await idOf('Second loss'))!));
    const orphan = randomUUID();
    await keychain.set(secretAccount(orphan), 'sk_doctor_second_orphan_5');
    const both = await sandbox.run(['doctor', '--adopt-orphans', '--forget-missing']);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('Forgot the key "Second loss"');
    expect(both.stdout).toContain(`Adopted as "Recovered key ${orphan.slice(0, 8)}"`);
  });

  it('never prints a value', () => {
    const printed = sandbox.printedOutsideGet();
    for (const value of [...Object.values(values), 'sk_doctor_second_loss_4', 'sk_doctor_second_orphan_5']) expect(printed).not.toContain(value);
  });

  it('documents itself in --help', async () => {
    const help = await sandbox.ok(['doctor', '--help']);
    expect(help.stdout).toContain('--adopt-orphans');
    expect(help.stdout).toContain('--forget-missing');
    expect(help.stdout).toMatch(/Exit status: 0 when .*1 when a difference remains/);
  });
});
