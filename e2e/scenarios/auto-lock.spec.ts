import { expect, test } from '../fixtures';

// The browser host is started with KEYSTASH_HOST_TEST_IDLE_MS (a switch only the host reads, never
// the app), so this scenario waits seconds instead of the 1-minute minimum of the settings. Below
// the session's 15 s renewal slack, activity does not push the expiry on, so the steps up to the
// countdown must fit in this time after unlock: 4 s did not always, on a loaded CI machine.
const TEST_IDLE_MS = 8_000;
test.use({ vaultState: 'enrolled', hostIdleMs: TEST_IDLE_MS });

const KEY = 'Datadog API key';

test('auto-lock after the idle timeout drops to the unlock screen and forgets the revealed value', async ({ app }) => {
  const value = app.secrets.add('dd_api_autolock_0a1b2c3d4e5f');
  await app.createKeyViaApi({ name: KEY, secret: value, provider: 'Datadog' });

  if (app.driver === 'electron') {
    // No test-only switch in the shipped app: use the shortest real setting and wait for it.
    test.setTimeout(150_000);
    await app.openSettings();
    await app.settings.change({ autoLockMinutes: 1 });
  }
  await app.reload();
  await app.main.expectShown();
  await app.main.select(KEY);
  await app.detail.reveal(KEY);
  await expect(app.detail.revealedValue).toHaveValue(value);

  // Under a minute left, the top bar says how long.
  await expect(app.main.autoLockCountdown).toContainText('Locks in');
  await app.screenshot('auto-lock', 'main-autolock-warning', [app.detail.revealedValue]);

  // Now the user walks away: no input at all.
  await expect(app.unlock.heading).toBeVisible({ timeout: app.driver === 'electron' ? 100_000 : 15_000 });
  await expect(app.unlock.codeInput).toBeFocused();
  await expect(app.detail.revealedValue).toHaveCount(0);
  await app.expectNoSecretInPage();
  await app.screenshot('auto-lock', 'unlock-after-idle');

  // The session really ended in the vault, not only on screen.
  const status = await app.api<{ unlocked: boolean }>('authStatus');
  expect(status.ok && status.value.unlocked).toBe(false);
  await app.unlockWithNextCode();
});
