import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliSandbox, ensureCliBuilt, type Authenticator } from './test/cli-harness';

/** Unlocking from the CLI: recovery codes, throttling, and the refusals around enrolment. */
describe('keystash unlock and enrolment', () => {
  const sandboxes: CliSandbox[] = [];
  const sandbox = async () => {
    const s = await CliSandbox.create();
    sandboxes.push(s);
    return s;
  };

  beforeAll(async () => {
    await ensureCliBuilt();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.cleanup()));
  });

  it('a fresh vault says to run init, with exit 3', async () => {
    const fresh = await sandbox();
    const listed = await fresh.run(['list']);
    expect(listed.code).toBe(3);
    expect(listed.stderr).toBe('keystash: Keystash is not set up yet. Run `keystash init` first.\n');
    expect((await fresh.run(['unlock', '--code', '123456'])).code).toBe(3);
    const noPending = await fresh.run(['init', '--confirm', '123456']);
    expect(noPending.code).toBe(3);
    expect(noPending.stderr).toMatch(/^keystash: No enrolment is in progress/);
    const interactive = await fresh.run(['init']);
    expect(interactive.code).toBe(2);
    expect(interactive.stderr).toMatch(/needs a terminal. In a script run `keystash init --json`/);
  });

  describe('recovery codes', () => {
    let vault: CliSandbox;
    let codes: string[];

    beforeAll(async () => {
      vault = await sandbox();
      ({ recoveryCodes: codes } = await vault.enrol());
      await vault.ok(['lock']);
    }, 60_000);

    it('refuses to start a new enrolment while locked (exit 2)', async () => {
      const again = await vault.run(['init', '--json']);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^keystash: Keystash is already set up\. Unlock it first/);
    });

    it('unlock without any code off a terminal is a usage error', async () => {
      const bare = await vault.run(['unlock']);
      expect(bare.code).toBe(2);
      expect(bare.stderr).toMatch(/^keystash: No code given\./);
    });

    it('a recovery code unlocks once, asks for re-enrolment, and does not work twice', async () => {
      const first = await vault.ok(['unlock', '--recovery-code', codes[0]!]);
      expect(first.stderr).toMatch(/^Unlocked until \d\d:\d\d/);
      expect(first.stderr).toMatch(/A recovery code was used \(9 left\)\. Set up your authenticator again now with `keystash init`\./);
      expect(JSON.parse((await vault.ok(['status', '--json'])).stdout)).toMatchObject({
        unlocked: true,
        recoveryCodesLeft: 9,
        reenrolmentRequired: true,
      });
      expect((await vault.ok(['unlock'])).stderr).toMatch(/^Keystash is already unlocked/);

      await vault.ok(['lock']);
      const second = await vault.run(['unlock', '--recovery-code', codes[0]!]);
      expect(second.code).toBe(3);
      expect(second.stderr).toBe('keystash: That recovery code is not valid or was already used.\n');
      // A different one still works, typed in lower case.
      await vault.ok(['unlock', '--recovery-code', codes[1]!.toLowerCase()]);
    });
  });

  describe('throttling', () => {
    let vault: CliSandbox;
    let authenticator: Authenticator;

    beforeAll(async () => {
      vault = await sandbox();
      ({ authenticator } = await vault.enrol());
      await vault.ok(['lock']);
    }, 60_000);

    it('five wrong codes are free; the sixth is throttled with the wait in the message (exit 3)', async () => {
      for (let i = 0; i < 5; i++) {
        const wrong = await vault.run(['unlock', '--code', '000000']);
        expect(wrong.code).toBe(3);
        expect(wrong.stderr).toMatch(/^keystash: That code is not right/);
      }
      const throttled = await vault.run(['get', 'anything', '--code', '000000']);
      expect(throttled.code).toBe(3);
      expect(throttled.stderr).toMatch(/^keystash: .*Try again in 30 s\.\n$/);
      // Even the right code waits now, and says for how long.
      const right = await vault.run(['unlock'], { env: { KEYSTASH_CODE: await authenticator.nextCode() } });
      expect(right.code).toBe(3);
      expect(right.stderr).toMatch(/^keystash: Too many wrong codes\. Try again in \d+ s\.\n$/);
      const status = JSON.parse((await vault.ok(['status', '--json'])).stdout);
      expect(status.throttledUntil).toBeGreaterThan(Date.now());
      expect((await vault.ok(['status'])).stdout).toMatch(/Throttled:\s+no unlock attempts before \d\d:\d\d/);
    });
  });

  it('a damaged index is refused with exit 1 and one clear line, and left as it was', async () => {
    const vault = await sandbox();
    await vault.enrol();
    await vault.ok(['add', 'Kept'], { input: 'kept-value-FAKE' });
    const indexFile = join(vault.home, 'index.json.enc');
    const damaged = Buffer.from('{"not":"a keystash index"}');
    await writeFile(indexFile, damaged);
    const listed = await vault.run(['list']);
    expect(listed.code).toBe(1);
    expect(listed.stderr.split('\n')).toHaveLength(2);
    expect(listed.stderr).toMatch(/^keystash: /);
    expect(listed.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(indexFile)).toEqual(damaged);
  });
});
