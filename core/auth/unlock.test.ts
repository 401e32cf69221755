import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, type TestVault } from '../test-support/test-vault';
import { SESSION_RECHECK_MS } from '../vault';
import { FAILURES_BEFORE_RECOVERY_ONLY } from './throttle-policy';

/** The unlock model against the real keychain: enrolment, replay, throttling, recovery codes. */
describe('unlock', () => {
  let t: TestVault;
  beforeEach(async () => {
    t = await createTestVault();
  });
  afterEach(() => t.cleanup());

  it('enrols with a 160-bit SHA-1 secret, confirms with a code, and opens a session', async () => {
    expect((await t.vault.status()).enrolled).toBe(false);
    const { otpauthUri, secret } = await t.vault.beginEnrolment();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Keystash:/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes of base32
    expect((await t.vault.status()).enrolmentPending).toBe(true);

    const codes = await t.vault.confirmEnrolment(await t.code(secret));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const status = await t.vault.status();
    expect(status).toMatchObject({ enrolled: true, enrolmentPending: false, unlocked: true, recoveryCodesLeft: 10 });
  });

  it('refuses a wrong confirmation code and stays unenrolled', async () => {
    const { secret } = await t.vault.beginEnrolment();
    const wrong = String((Number(await t.code(secret)) + 1) % 1_000_000).padStart(6, '0');
    await expect(t.vault.confirmEnrolment(wrong)).rejects.toMatchObject({ code: 'WRONG_CODE' });
    expect((await t.vault.status()).enrolled).toBe(false);
  });

  it('accepts the current step and one either side, and nothing further', async () => {
    const { secret } = await t.enrol();
    await t.vault.lock();
    await expect(t.vault.unlock(await t.code(secret, 2))).rejects.toMatchObject({ code: 'WRONG_CODE' });
    await t.vault.unlock(await t.code(secret, 1));
    expect((await t.vault.status()).unlocked).toBe(true);
  });

  it('refuses a replayed code, even after a restart, with a message to wait', async () => {
    const { secret } = await t.enrol();
    t.clock.advance(30_000);
    const code = await t.code(secret);
    await t.vault.unlock(code);
    await t.vault.lock();
    const restarted = t.reopen();
    await expect(restarted.unlock(code)).rejects.toMatchObject({
      code: 'CODE_REUSED',
      message: 'This code was already used; wait for the next one.',
    });
    // An older step than the last accepted one is a replay too.
    await expect(restarted.unlock(await t.code(secret, -1))).rejects.toMatchObject({ code: 'CODE_REUSED' });
    t.clock.advance(30_000);
    await restarted.unlock(await t.code(secret));
  });

  it('throttles after five free failures, doubling from 30 s, and the backoff survives a restart', async () => {
    const { secret } = await t.enrol();
    await t.vault.lock();
    for (let i = 1; i <= 5; i++) await expect(t.vault.unlock('000000')).rejects.toMatchObject({ code: 'WRONG_CODE' });
    await expect(t.vault.unlock('000000')).rejects.toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 30 });

    const restarted = t.reopen();
    // Even the right code waits out the backoff.
    await expect(restarted.unlock(await t.code(secret, 1))).rejects.toMatchObject({
      code: 'THROTTLED',
      message: expect.stringMatching(/Try again in 30 s\./),
    });
    expect((await restarted.status()).throttledUntil).toBe(t.clock.now() + 30_000);

    t.clock.advance(30_000);
    await expect(restarted.unlock('000000')).rejects.toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 60 });
    t.clock.advance(60_000);
    await restarted.unlock(await t.code(secret));
    const after = await restarted.status();
    expect(after).toMatchObject({ unlocked: true, throttledUntil: null });

    // A success resets the count: five free failures again.
    await restarted.lock();
    for (let i = 1; i <= 5; i++) await expect(restarted.unlock('000000')).rejects.toMatchObject({ code: 'WRONG_CODE' });
  });

  it('caps the wait at 15 minutes and, after 100 failures, accepts only a recovery code', async () => {
    const { secret, recoveryCodes } = await t.enrol();
    await t.vault.lock();
    let lastWait = 0;
    for (let i = 1; i <= FAILURES_BEFORE_RECOVERY_ONLY; i++) {
      const error: { retryAfterSeconds?: number } = await t.vault.unlock('000000').then(
        () => ({}),
        (e: { retryAfterSeconds?: number }) => e,
      );
      lastWait = error.retryAfterSeconds ?? 0;
      t.clock.advance(lastWait * 1000);
    }
    expect(lastWait).toBe(15 * 60);
    await expect(t.vault.unlock(await t.code(secret))).rejects.toMatchObject({ code: 'RECOVERY_REQUIRED' });
    // Refused without checking the code, and audited all the same.
    expect((await t.vault.audit.readAll()).at(-1)).toMatchObject({ event: 'throttled', detail: { method: 'totp', recoveryCodeRequired: true } });
    expect((await t.vault.status()).recoveryCodeRequired).toBe(true);

    const status = await t.vault.unlockWithRecoveryCode(recoveryCodes[3]!.toLowerCase());
    expect(status).toMatchObject({ unlocked: true, reenrolmentRequired: true, recoveryCodesLeft: 9, recoveryCodeRequired: false });
  });

  it('uses each recovery code once, and re-enrolment clears the re-enrolment flag', async () => {
    const { recoveryCodes } = await t.enrol();
    await t.vault.lock();
    await t.vault.unlockWithRecoveryCode(recoveryCodes[0]!);
    await t.vault.lock();
    await expect(t.vault.unlockWithRecoveryCode(recoveryCodes[0]!)).rejects.toMatchObject({ code: 'WRONG_CODE' });

    await t.vault.unlockWithRecoveryCode(recoveryCodes[1]!);
    const { secret: newSecret } = await t.vault.beginEnrolment();
    const fresh = await t.vault.confirmEnrolment(await t.code(newSecret));
    expect(fresh).toHaveLength(10);
    expect(await t.vault.status()).toMatchObject({ reenrolmentRequired: false, recoveryCodesLeft: 10 });
    // The old recovery codes are gone with the old authenticator.
    await t.vault.lock();
    await expect(t.vault.unlockWithRecoveryCode(recoveryCodes[2]!)).rejects.toMatchObject({ code: 'WRONG_CODE' });
  });

  it('will not start a second enrolment while locked', async () => {
    await t.enrol();
    await t.vault.lock();
    await expect(t.vault.beginEnrolment()).rejects.toMatchObject({ code: 'ALREADY_ENROLLED' });
  });

  it('shares the session with another process, and a lock there locks here', async () => {
    const { secret } = await t.enrol();
    const cli = t.reopen();
    expect((await cli.status()).unlocked).toBe(true);
    await cli.lock();
    expect((await t.vault.status()).unlocked).toBe(false);
    await expect(t.vault.requireUnlocked()).rejects.toMatchObject({ code: 'LOCKED' });
    await cli.unlock(await t.code(secret, 1));
    await t.vault.requireUnlocked();
  });

  it('lets a session the keychain confirmed under a second ago answer an index-only read, and asks again for anything else', async () => {
    const { secret } = await t.enrol();
    await t.vault.requireUnlocked();
    await t.reopen().lock();
    // A search keystroke right after a lock elsewhere may still be answered from the index...
    await t.vault.requireUnlocked({ indexOnly: true });
    // ...but not a value: that asks the keychain, finds no session, and locks this vault too.
    await expect(t.vault.requireUnlocked()).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(t.vault.requireUnlocked({ indexOnly: true })).rejects.toMatchObject({ code: 'LOCKED' });

    await t.vault.unlock(await t.code(secret, 1));
    await t.reopen().lock();
    t.clock.advance(SESSION_RECHECK_MS);
    await expect(t.vault.requireUnlocked({ indexOnly: true })).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('never renews a session from an unconfirmed read: a lock elsewhere stays a lock', async () => {
    await t.enrol();
    await t.vault.requireUnlocked(); // renews the entry now
    t.clock.advance(14_500);
    await t.vault.requireUnlocked(); // confirms it, too soon to renew
    t.clock.advance(600); // renewing is due, the confirmation is under a second old
    await t.reopen().lock();
    await t.vault.requireUnlocked({ indexOnly: true });
    await t.vault.settle();
    expect((await t.reopen().status()).unlocked).toBe(false);
  });

  it('audits every attempt, whatever its outcome', async () => {
    const { secret } = await t.enrol();
    await t.vault.lock();
    for (let i = 0; i < 6; i++) await t.vault.unlock('000000').catch(() => undefined);
    t.clock.advance(30_000);
    await t.vault.unlock(await t.code(secret, 1));
    const events = (await t.vault.audit.readAll()).map((e) => e.event);
    expect(events.filter((e) => e === 'unlock_failed')).toHaveLength(6);
    expect(events).toContain('throttled');
    expect(events.at(-1)).toBe('unlock');
    expect(events[0]).toBe('enrol');
    expect((await t.vault.audit.verify()).ok).toBe(true);
  });
});
