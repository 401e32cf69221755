import { expect, test } from '../fixtures';
import { nextStepCode, wrongCode } from '../support/totp-codes';

test.use({ vaultState: 'enrolled' });

test.beforeEach(async ({ app }) => {
  await app.main.expectShown();
  await app.lock();
});

test('unlock with the authenticator code', async ({ app }) => {
  await app.unlock.expectShown();
  await app.screenshot('unlock', 'unlock');
  await app.unlockWithNextCode();
  // After a reload the session is still open: it lives in the keychain, not in the page.
  await app.reload();
  await app.main.expectShown();
});

test('a wrong code is refused and the field is ready for another', async ({ app }) => {
  await app.unlock.enterCode(await wrongCode(app.requireSecret()));
  await expect(app.unlock.message).toHaveText(/That code is not right/);
  await expect(app.unlock.codeInput).toHaveValue('');
  await expect(app.unlock.codeInput).toBeFocused();
  await expect(app.unlock.heading).toBeVisible();
  await app.screenshot('wrong-code', 'unlock-wrong-code');
  // A wrong code does not use up the right one.
  await app.unlockWithNextCode();
});

test('a replayed code is refused', async ({ app }) => {
  const code = await app.unlockWithNextCode();
  await app.lock();
  await app.unlock.enterCode(code);
  await expect(app.unlock.message).toHaveText('This code was already used; wait for the next one.');
  await expect(app.unlock.heading).toBeVisible();
  await app.screenshot('replayed-code', 'unlock-replayed');
});

test('throttling: after six wrong codes a live countdown says when to try again', async ({ app }) => {
  const secret = app.requireSecret();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await app.unlock.enterCode(await wrongCode(secret, attempt));
    await expect(app.unlock.message).toHaveText(/That code is not right/);
    await expect(app.unlock.codeInput).toHaveValue('');
  }
  // The sixth failure starts a 30-second wait.
  await app.unlock.enterCode(await wrongCode(secret, 6));
  await expect(app.unlock.message).toContainText('Try again in');
  await expect(app.unlock.throttleTimer).toBeVisible();
  const first = await app.unlock.throttleSecondsLeft();
  expect(first).toBeGreaterThan(20);
  expect(first).toBeLessThanOrEqual(30);
  await app.screenshot('throttling', 'unlock-throttled');
  await expect.poll(() => app.unlock.throttleSecondsLeft(), { timeout: 5_000 }).toBeLessThan(first);

  // Even the right code is not tried while the wait runs: the button stays disabled.
  await app.unlock.enterCode(await nextStepCode(secret));
  await expect(app.unlock.unlockButton).toBeDisabled();
  await expect(app.unlock.heading).toBeVisible();

  // The wait is the vault's, not the page's: a reload shows it again.
  await app.reload();
  await expect(app.unlock.message).toContainText('Try again in');
  expect(await app.unlock.throttleSecondsLeft()).toBeLessThan(first);
});
