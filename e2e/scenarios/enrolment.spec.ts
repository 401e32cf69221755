import { expect, test } from '../fixtures';
import { nextStepCode, wrongCode } from '../support/totp-codes';

test('first-run enrolment with a code computed from the secret shown on screen', async ({ app }) => {
  await expect(app.enrol.heading).toBeVisible();
  await expect(app.enrol.codeInput).toBeFocused();
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
  await expect(app.main.list).toHaveCount(0);
  await app.screenshot('enrolment', 'main-empty');

  // The enrolled authenticator unlocks: the next step's code, since enrolment used this one.
  await app.lock();
  await app.unlock.enterCode(await nextStepCode(secret));
  await app.main.expectShown();
});
