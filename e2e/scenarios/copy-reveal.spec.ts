import { expect, test } from '../fixtures';
import { writeSystemClipboard } from '../support/clipboard';

test.use({ vaultState: 'enrolled' });

const KEY = 'Twilio auth token';

// These wait out real clipboard and reveal timers.
test.describe.configure({ timeout: 45_000 });

test.beforeEach(async ({ app }) => {
  await app.createKeyViaApi({ name: KEY, secret: app.secrets.add('twilio_e2e_9f8e7d6c5b4a39281706'), provider: 'Twilio' });
  await app.reload();
  await app.main.expectShown();
});

test('copy puts the value on the real clipboard and clears it after the set time', async ({ app }) => {
  const value = 'twilio_e2e_9f8e7d6c5b4a39281706';
  await app.openSettings();
  await app.screenshot('copy', 'settings');
  await app.settings.change({ clipboardClearSeconds: 5 });

  await app.main.copyButton(KEY).click();
  await expect(app.main.toast).toContainText(`Copied ${KEY} — clears in`);
  // The value went from the keychain to the system clipboard without passing through the page.
  await expect.poll(() => app.readClipboard(), { timeout: 5_000 }).toBe(value);
  await app.expectNoSecretInPage();
  await app.screenshot('copy', 'main-copied-toast');

  // Cleared by the vault after 5 s, and the window says so.
  await expect.poll(() => app.readClipboard(), { timeout: 10_000, intervals: [250] }).toBe('');
  await expect(app.main.toast).toContainText('Cleared');
  await app.screenshot('copy', 'main-cleared-toast');
});

test('a copy is not cleared when the user copied something else meanwhile', async ({ app }) => {
  await app.openSettings();
  await app.settings.change({ clipboardClearSeconds: 5 });
  await app.main.copyButton(KEY).click();
  await expect.poll(() => app.readClipboard()).toBe('twilio_e2e_9f8e7d6c5b4a39281706');
  // The user copies something of their own; Keystash must leave it alone when its time is up.
  await writeSystemClipboard('my own text');
  await app.page.waitForTimeout(6_500);
  expect(await app.readClipboard()).toBe('my own text');
});

test('reveal shows the value, then hides it again after 15 s', async ({ app }) => {
  const value = 'twilio_e2e_9f8e7d6c5b4a39281706';
  await app.main.select(KEY);
  await app.screenshot('reveal', 'detail');
  await app.detail.reveal(KEY);
  await expect(app.detail.revealedValue).toHaveValue(value);
  await expect(app.detail.panel(KEY).getByRole('timer')).toBeVisible();
  await app.screenshot('reveal', 'detail-revealed', [app.detail.revealedValue]);

  await expect(app.detail.revealedValue).toBeHidden({ timeout: 17_000 });
  await expect(app.detail.button(KEY, 'Reveal')).toBeVisible();
  await app.expectNoSecretInPage();
  await expect(app.detail.activity(KEY).first()).toContainText('Revealed');
});
