import { beforeAll, describe, expect, it } from 'vitest';
import { Authenticator, grepFolder, readClipboard, secretToolSearch, useCliSandbox, type CliSandbox } from './test/cli-harness';

/**
 * The acceptance transcript of the foundation issue, end to end through the built CLI and the
 * real (private) Secret Service: enrol, confirm with a code computed from the printed URI, lock,
 * unlock, add from stdin, list, get, copy, lock, and the refusals around them.
 */
describe('keystash CLI transcript', () => {
  const currentSandbox = useCliSandbox();
  let sandbox: CliSandbox;
  let authenticator: Authenticator;
  const value = 'sk_live_FAKE51Hx0mQ2bR7tYp4ZkWc9';
  const name = 'Stripe live';

  beforeAll(() => {
    sandbox = currentSandbox();
  });

  it('starts not set up', async () => {
    const status = JSON.parse((await sandbox.ok(['status', '--json'])).stdout);
    expect(status).toMatchObject({ enrolled: false, unlocked: false, keychainService: sandbox.service, home: sandbox.home });
  });

  it('init --json prints the otpauth URI and secret and leaves the enrolment pending', async () => {
    const begun = await sandbox.ok(['init', '--json']);
    const printed = JSON.parse(begun.stdout) as { otpauthUri: string; secret: string };
    expect(printed.otpauthUri).toMatch(/^otpauth:\/\/totp\/Keystash:.+\?.*secret=[A-Z2-7]+/);
    expect(new URL(printed.otpauthUri).searchParams.get('secret')).toBe(printed.secret);
    const status = JSON.parse((await sandbox.ok(['status', '--json'])).stdout);
    expect(status).toMatchObject({ enrolled: false, enrolmentPending: true, unlocked: false });

    // Confirming with a code computed from the printed URI, as an authenticator app would.
    authenticator = Authenticator.fromUri(printed.otpauthUri);
    const confirmed = await sandbox.ok(['init', '--confirm', await authenticator.currentCode()]);
    const codes = confirmed.stdout.split('\n').map((l) => l.trim()).filter((l) => /^[A-Z0-9]{4,}-[A-Z0-9-]+$/.test(l));
    expect(codes).toHaveLength(10);
    expect(confirmed.stderr).toMatch(/shown only now/);
    expect(JSON.parse((await sandbox.ok(['status', '--json'])).stdout)).toMatchObject({
      enrolled: true,
      unlocked: true,
      recoveryCodesLeft: 10,
    });
  });

  it('locks, and unlocks with the next code from the authenticator', async () => {
    expect((await sandbox.ok(['lock'])).stderr).toMatch(/Locked/);
    expect(JSON.parse((await sandbox.ok(['status', '--json'])).stdout).unlocked).toBe(false);
    const unlocked = await sandbox.ok(['unlock', '--code', await authenticator.nextCode()]);
    expect(unlocked.stderr).toMatch(/^Unlocked/);
  });

  it('adds a key with its value on stdin, and suggests the env var from the name', async () => {
    const added = await sandbox.ok(['add', name, '--tag', 'payments', '--tag', 'prod', '--provider', 'Stripe'], {
      input: `${value}\n`,
    });
    expect(added.stderr).toContain('Added Stripe live as $STRIPE_LIVE');
  });

  it('lists keys without values, as a table and as JSON', async () => {
    const table = await sandbox.ok(['list']);
    expect(table.stdout).toMatch(/^NAME\s+ENV VAR\s+PROVIDER\s+TAGS\s+LAST USED/);
    expect(table.stdout).toMatch(/Stripe live\s+STRIPE_LIVE\s+Stripe\s+payments, prod\s+never/);
    const json = JSON.parse((await sandbox.ok(['list', '--json'])).stdout);
    expect(json.total).toBe(1);
    expect(json.keys[0]).toMatchObject({ name, envVar: 'STRIPE_LIVE', provider: 'Stripe', tags: ['payments', 'prod'] });
    expect(JSON.stringify(json)).not.toContain(value);
  });

  it('get prints exactly the value (one trailing newline from stdin was stripped; none added to a pipe)', async () => {
    const got = await sandbox.ok(['get', name]);
    expect(got.stdout).toBe(value);
    expect(got.stderr).toBe('');
    // The use was recorded once the command settled.
    expect((await sandbox.ok(['list'])).stdout).toMatch(/just now/);
  });

  it('copy --no-wait puts the value on the real clipboard and returns', async () => {
    const copied = await sandbox.ok(['copy', name, '--no-wait']);
    expect(copied.stderr).toMatch(/^Copied Stripe live — clears in 20 s/);
    expect(await readClipboard()).toBe(value);
  });

  it('the value is in the keychain under service/account key:<id>, visible to secret-tool', async () => {
    const [key] = JSON.parse((await sandbox.ok(['list', '--json'])).stdout).keys;
    const found = await secretToolSearch(sandbox.service, 'account', `key:${key.id}`);
    expect(found).toContain(`attribute.account = key:${key.id}`);
    expect(found).toContain(`secret = ${value}`);
  });

  it('once locked, a command without a code exits 3 and says how to unlock', async () => {
    await sandbox.ok(['lock']);
    const refused = await sandbox.run(['get', name]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('keystash: Keystash is locked. Run `keystash unlock` or pass --code / KEYSTASH_CODE.\n');
  });

  it('a replayed code is refused with exit 3 and the reuse message', async () => {
    const replay = await sandbox.run(['unlock', '--code', await authenticator.lastCode()]);
    expect(replay.code).toBe(3);
    expect(replay.stderr).toMatch(/^keystash: This code was already used; wait for the next one\.\n$/);
  });

  it('a wrong code is refused with exit 3, also through KEYSTASH_CODE on another command', async () => {
    const wrong = await sandbox.run(['unlock', '--code', '000000']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/^keystash: That code is not right/);
    const viaEnv = await sandbox.run(['list'], { env: { KEYSTASH_CODE: '999999' } });
    expect(viaEnv.code).toBe(3);
    expect(viaEnv.stderr).toMatch(/^keystash: That code is not right/);
  });

  it('never writes the value under KEYSTASH_HOME or into any output except get', async () => {
    expect(await grepFolder(sandbox.home, value)).toEqual([]);
    expect(sandbox.printedOutsideGet()).not.toContain(value);
    // No stack trace anywhere either.
    expect(sandbox.printedOutsideGet()).not.toMatch(/\n\s+at /);
  });
});
