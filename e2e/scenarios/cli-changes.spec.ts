import { expect, test } from '../fixtures';
import type { App } from '../app';
import { runKeystashCli } from '../support/cli-process';

test.use({ vaultState: 'enrolled' });

/** The bound: the app shows a CLI change within a second (file watch, debounced). */
const WITHIN_MS = 1_000;

test.beforeEach(async ({ app }) => {
  await app.createKeyViaApi({ name: 'Mailgun', secret: 'key-e2e-cli-watch-1a2b3c4d5e6f' });
  await app.createKeyViaApi({ name: 'Stripe live', secret: 'sk_live_e2e_cli_watch_6f5e4d3c' });
  await app.createKeyViaApi({ name: 'Twilio', secret: 'twilio_e2e_cli_watch_99887766' });
  await app.reload();
  await app.main.expectShown();
});

/** `keystash add NAME` in a terminal beside the app: the value on stdin, as a user pipes it. */
async function addFromCli(app: App, name: string, value: string): Promise<void> {
  const result = await runKeystashCli(app.location, ['add', name], app.secrets.add(value));
  expect(result.code, result.stderr).toBe(0);
}

/** A row in the list, also while a modal hides the app from role queries (aria-hidden). */
const listRow = (app: App, name: string) => app.page.locator('#root [role="grid"] [role="row"]').filter({ hasText: name });

test('a key added from the CLI appears within a second; the selection and a half-typed edit stay', async ({ app }) => {
  await app.main.select('Stripe live');
  await expect(app.main.row('Stripe live')).toHaveAttribute('aria-selected', 'true');
  await app.detail.button('Stripe live', 'Edit').click();
  await app.keyForm.notes.fill('rotating this on Friday, half typed');
  await app.keyForm.envVar.fill('STRIPE_SECRET_KEY_DRAFT');

  // "Aardvark" sorts first: if the selection fell back to the top row, it would move there.
  await addFromCli(app, 'Aardvark', 'aardvark_e2e_cli_value_0011223344');
  await expect(listRow(app, 'Aardvark')).toBeAttached({ timeout: WITHIN_MS });

  await expect(app.keyForm.dialog).toBeVisible();
  await expect(app.keyForm.name).toHaveValue('Stripe live');
  await expect(app.keyForm.notes).toHaveValue('rotating this on Friday, half typed');
  await expect(app.keyForm.envVar).toHaveValue('STRIPE_SECRET_KEY_DRAFT');
  await expect(app.keyForm.envVar).toBeFocused(); // the field typed in last keeps the caret
  await app.screenshot('cli-changes', 'edit-form-kept');
  await app.keyForm.cancel.click();
  await expect(app.main.row('Stripe live')).toHaveAttribute('aria-selected', 'true');
  await expect(app.main.row('Aardvark')).toHaveAttribute('aria-selected', 'false');
  await expect(app.detail.panel('Stripe live')).toBeVisible();
});

test('a key added from the CLI joins the search results; the query and the selection stay', async ({ app }) => {
  await app.main.searchFor('st');
  await app.main.select('Stripe live');
  await app.main.search.focus();
  await app.page.keyboard.press('End');
  await app.page.keyboard.type('r');
  await expect(app.main.search).toHaveValue('str');

  await addFromCli(app, 'Stripe restricted', 'rk_live_e2e_cli_watch_5566778899');
  await expect(app.main.row('Stripe restricted')).toBeVisible({ timeout: WITHIN_MS });

  await expect(app.main.search).toHaveValue('str');
  await expect(app.main.search).toBeFocused();
  await expect(app.main.row('Stripe live')).toHaveAttribute('aria-selected', 'true');
  await expect(app.detail.panel('Stripe live')).toBeVisible();
  expect(await app.main.visibleNames()).not.toContain('Twilio');
  await app.screenshot('cli-changes', 'search-kept');
});
