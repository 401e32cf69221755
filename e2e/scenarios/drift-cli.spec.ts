import type { App } from '../app';
import { expect, test } from '../fixtures';
import { runKeystashCli } from '../support/cli-process';
import { keychainOutside } from '../support/keychain-outside';

test.use({ vaultState: 'enrolled' });

/** `keystash …` in a terminal beside the app; a value goes in on stdin, never in argv. */
async function inTerminal(app: App, args: readonly string[], stdin = ''): Promise<void> {
  const result = await runKeystashCli(app.location, args, stdin);
  expect(result.code, result.stderr).toBe(0);
}

test('a key deleted from the CLI takes its "no value in the keychain" banner with it', async ({ app }) => {
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_e2e_drift_cli_0a1b2c3d4e') });
  const gone = await app.createKeyViaApi({ name: 'Old Mailgun', secret: app.secrets.add('key-e2e-drift-cli-9f8e7d6c5b') });
  await app.keychainListingsDone();
  // Beside Keystash: the value deleted in "Seahorse". The window meets it when it opens.
  await keychainOutside.removeValue(app.location, gone.id);
  await app.reload();
  await expect(app.drift.banner).toHaveText(/^1 key has no value in the keychain/);
  await app.screenshot('drift-cli', 'banner-before-rm');

  // In a terminal, the key goes: the list drops it, and the banner follows once the window has looked again.
  await inTerminal(app, ['rm', 'Old Mailgun', '--yes']);
  await expect(app.main.copyButton('Old Mailgun')).toHaveCount(0);
  await expect(app.drift.banner).toBeHidden({ timeout: 5_000 });
  await expect(app.main.copyButton('Stripe live')).toBeVisible();
  await app.screenshot('drift-cli', 'banner-gone-after-rm');
});

test('a key added from the CLI shows in the list at once and brings no banner when the window checks again', async ({ app }) => {
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_e2e_drift_cli_5f6a7b8c9d') });
  await app.reload();
  await app.keychainListingsDone();
  await expect(app.drift.banner).toBeHidden();

  await app.afterWindowKeychainCheck(async () => {
    await inTerminal(app, ['add', 'Aardvark'], app.secrets.add('aardvark_e2e_drift_cli_0011223344'));
    // The list does not wait for the keychain: the key is there within the second cli-changes.spec.ts allows.
    await expect(app.main.copyButton('Aardvark')).toBeVisible({ timeout: 1_000 });
  });
  await expect(app.drift.banner).toBeHidden();
  await app.screenshot('drift-cli', 'no-banner-after-add');
});

test('a value read from the CLI changes no key, so the window does not list the keychain again', async ({ app, driver }) => {
  test.skip(driver !== 'browser', 'counts the window’s calls, which only the browser driver sees');
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_e2e_drift_cli_7e8f9a0b1c') });
  await app.reload();
  await app.keychainListingsDone();
  const checks: string[] = [];
  app.page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/checkDrift') checks.push(request.url());
  });
  await app.main.select('Stripe live');
  await expect(app.detail.field('Stripe live', 'Last used')).toHaveText('Never');
  const listed = app.page.waitForRequest((request) => new URL(request.url()).pathname === '/api/listKeys');
  // `get` records the key's last use (the app's agent answers it, and writes it): the index
  // changes, the window reloads its list and shows the use...
  await inTerminal(app, ['get', 'Stripe live']);
  await listed;
  await expect(app.detail.field('Stripe live', 'Last used')).toContainText('just now');
  await app.screenshot('drift-cli', 'last-used-after-cli-get');
  // ...and, past the quiet second after which a check would start, has not listed the keychain.
  await app.page.waitForTimeout(2_500);
  expect(checks).toEqual([]);
});
