import { expect, test } from '../fixtures';
import { nextStepCode, wrongCode } from '../support/totp-codes';

test('first-run enrolment with a code computed from the secret shown on screen', async ({ app }) => {
  await expect(app.enrol.heading).toBeVisible();
  await expect(app.enrol.qrCode).toBeVisible();
  await expect(app.enrol.codeInput).toBeFocused();
  await app.screenshot('enrolment', 'enrol-setup');
  const shownSecret = await app.enrol.readSetupKey();

  // A wrong first code keeps the user on the same step, with the same secret.
  await app.enrol.enterCode(await wrongCode(shownSecret));
  await expect(app.enrol.message).toHaveText(/That code is not right/);
  await app.screenshot('enrolment', 'enrol-wrong-code');
  expect(await app.enrol.readSetupKey()).toBe(shownSecret);

  const secret = await app.enrolThroughUi({ screenshots: 'enrolment' });
  expect(secret).toBe(shownSecret);

  // Confirming opened a session: the main view, empty, telling a first-time user what to do.
  await app.main.expectShown();
  await expect(app.page.getByRole('heading', { name: 'Your vault is empty' })).toBeVisible();
  await app.screenshot('enrolment', 'main-empty');

  // The enrolled authenticator unlocks: the next step's code, since enrolment used this one.
  await app.lock();
  await app.unlock.enterCode(await nextStepCode(secret));
  await app.main.expectShown();
});

test.describe('with an authenticator already set up', () => {
  test.use({ vaultState: 'enrolled' });

  test('a recovery code unlocks once, then a new authenticator replaces the old one', async ({ app }) => {
    const oldSecret = app.requireSecret();
    const [recoveryCode] = app.recoveryCodes;
    await app.lock();
    await app.unlock.useRecoveryCode.click();
    const recoveryField = app.page.getByLabel('Recovery code', { exact: true });
    await expect(recoveryField).toBeFocused();
    await app.screenshot('recovery', 'unlock-recovery-code');
    await recoveryField.fill(recoveryCode!);
    await recoveryField.press('Enter');
    await app.main.expectShown();

    // The app asks for a new authenticator, since the old one may be lost.
    const banner = app.page.getByRole('region', { name: 'Authenticator' });
    await expect(banner).toContainText('You unlocked with a recovery code');
    await app.screenshot('recovery', 'main-reenrol-banner');
    await banner.getByRole('button', { name: 'Set up new authenticator' }).click();
    await expect(app.enrol.heading).toHaveText('Set up a new authenticator');
    await app.screenshot('recovery', 'enrol-again');
    const newSecret = await app.enrolThroughUi();
    expect(newSecret).not.toBe(oldSecret);
    await expect(banner).toBeHidden();

    // The old authenticator no longer unlocks; the new one does.
    await app.lock();
    await app.unlock.enterCode(await nextStepCode(oldSecret));
    await expect(app.unlock.message).toHaveText(/That code is not right/);
    await app.unlock.enterCode(await nextStepCode(newSecret));
    await app.main.expectShown();

    // The recovery codes of the old enrolment, the used one included, no longer unlock.
    await app.lock();
    await app.unlock.useRecoveryCode.click();
    await recoveryField.fill(recoveryCode!);
    await recoveryField.press('Enter');
    await expect(app.unlock.message).toContainText(/not right, or it was already used/);
  });
});
