import { expect, test } from '../fixtures';
import type { App } from '../app';

test.use({ vaultState: 'enrolled' });

/** Keys added beside the window (the vault API), then the window reloaded to show them. */
async function withKeys(app: App, keys: Parameters<App['createKeyViaApi']>[0][]): Promise<void> {
  for (const key of keys) await app.createKeyViaApi(key);
  await app.reload();
  await app.main.expectShown();
  for (const key of keys) await expect(app.main.copyButton(key.name)).toBeVisible();
}

test('add a key through the form', async ({ app }) => {
  await app.main.expectShown();
  await app.main.addKey.click();
  const form = app.keyForm;
  await expect(form.dialog).toBeVisible();
  await expect(form.name).toBeFocused();
  await app.screenshot('add-key', 'key-form-empty');

  // The environment variable is suggested from the name.
  await form.name.fill('Stripe live');
  await expect(form.envVar).toHaveValue('STRIPE_LIVE');

  // The vault's validation comes back inline, on the field it is about.
  const secret = app.secrets.add('sk_live_e2e_4eC39HqLyjWDarjtT1zdp7dc');
  await form.secret.fill(secret);
  await expect(form.secret).toHaveAttribute('type', 'password');
  await form.envVar.fill('1STRIPE');
  await form.save.click();
  await expect(form.envVar).toHaveAccessibleDescription(/must start with a letter or _/);
  await expect(form.envVar).toBeFocused();
  await app.screenshot('add-key', 'key-form-invalid');

  await form.envVar.fill('STRIPE_SECRET_KEY');
  await form.provider.fill('Stripe');
  await form.addTag('prod');
  await form.addTag('billing');
  await form.notes.fill('Live account, used by the billing service.');
  await app.screenshot('add-key', 'key-form-filled');
  await form.submit();

  await expect(app.main.row('Stripe live')).toBeVisible();
  await expect(app.main.row('Stripe live')).toContainText('STRIPE_SECRET_KEY');
  await expect(app.main.tag('prod')).toBeVisible();
  await expect(app.main.tag('billing')).toBeVisible();
  // The new key is selected, and its details show (never its value).
  await expect(app.detail.panel('Stripe live')).toBeVisible();
  await expect(app.detail.button('Stripe live', 'Reveal')).toBeVisible();
  await app.expectNoSecretInPage();
  await app.screenshot('add-key', 'main-one-key');

  // It is in the vault, with its value in the keychain (checked beside the window).
  const listed = await app.api<{ keys: { name: string; envVar: string; tags: string[] }[] }>('listKeys', {});
  expect(listed.ok && listed.value.keys).toEqual([
    expect.objectContaining({ name: 'Stripe live', envVar: 'STRIPE_SECRET_KEY', tags: ['prod', 'billing'] }),
  ]);
});

test('search narrows the list by name, provider, environment variable or tag', async ({ app }) => {
  await withKeys(app, [
    { name: 'Stripe live', secret: app.secrets.add('sk_live_search_1111'), provider: 'Stripe', tags: ['prod'] },
    { name: 'Stripe test', secret: app.secrets.add('sk_test_search_2222'), provider: 'Stripe', tags: ['dev'] },
    { name: 'OpenAI', secret: app.secrets.add('sk-openai-search-3333'), envVar: 'OPENAI_API_KEY', tags: ['prod'] },
    { name: 'GitHub deploy', secret: app.secrets.add('ghp_search_4444'), provider: 'GitHub', tags: ['ci'] },
  ]);
  await expect(app.main.rows).toHaveCount(4);

  await app.main.searchFor('stripe');
  await expect(app.main.rows).toHaveCount(2);
  expect((await app.main.visibleNames()).sort()).toEqual(['Stripe live', 'Stripe test']);
  await app.screenshot('search', 'main-search');

  await app.main.searchFor('OPENAI_API');
  await expect(app.main.rows).toHaveCount(1);
  await expect(app.main.row('OpenAI')).toBeVisible();

  await app.main.searchFor('no such key anywhere');
  await expect(app.main.rows).toHaveCount(0);
  await expect(app.page.getByRole('heading', { name: /No keys match/ })).toBeVisible();
  await app.screenshot('search', 'main-no-matches');

  await app.main.searchFor('');
  await expect(app.main.rows).toHaveCount(4);
});

test('rotate replaces the value and sets the rotation date', async ({ app }) => {
  const oldValue = app.secrets.add('sk_live_before_rotation_5555');
  const newValue = app.secrets.add('sk_live_after_rotation_6666');
  await withKeys(app, [{ name: 'Payments API', secret: oldValue, provider: 'Adyen' }]);
  await app.main.select('Payments API');
  await expect(app.detail.field('Payments API', 'Rotated')).toHaveText('Never');

  await app.detail.button('Payments API', 'Rotate…').click();
  await expect(app.detail.rotateDialog).toBeVisible();
  await expect(app.detail.rotateDialog).toContainText(/Last rotated\s+Never/);
  await expect(app.detail.newSecret).toBeFocused();
  await app.screenshot('rotate', 'rotate-dialog');
  await app.detail.newSecret.fill(newValue);
  await app.detail.rotateConfirm.click();
  await expect(app.detail.rotateDialog).toBeHidden();

  await expect(app.detail.field('Payments API', 'Rotated')).not.toHaveText('Never');
  await expect(app.detail.activity('Payments API').first()).toContainText('Rotated');
  await app.expectNoSecretInPage();

  // The keychain holds the new value: Reveal shows it.
  await app.detail.reveal('Payments API');
  await expect(app.detail.revealedValue).toHaveValue(newValue);
  await app.detail.button('Payments API', 'Hide').click();
  await expect(app.detail.revealedValue).toBeHidden();
});

test('delete asks first, and keys tagged prod need their name typed', async ({ app }) => {
  await withKeys(app, [
    { name: 'Old sandbox key', secret: app.secrets.add('sk_sandbox_delete_7777') },
    { name: 'Prod database', secret: app.secrets.add('pg_prod_delete_8888'), tags: ['prod'] },
  ]);

  await app.main.select('Old sandbox key');
  await app.detail.button('Old sandbox key', 'Delete').click();
  await expect(app.detail.deleteDialog).toBeVisible();
  await app.screenshot('delete', 'delete-confirm');
  // Cancelling keeps it.
  await app.detail.deleteDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.main.row('Old sandbox key')).toBeVisible();
  await app.detail.delete('Old sandbox key');
  await expect(app.main.copyButton('Old sandbox key')).toHaveCount(0);

  await app.main.select('Prod database');
  await app.detail.button('Prod database', 'Delete').click();
  await expect(app.detail.deleteConfirm).toBeDisabled();
  await app.detail.deleteDialog.getByRole('textbox').fill('Prod databas');
  await expect(app.detail.deleteConfirm).toBeDisabled();
  await app.detail.deleteDialog.getByRole('textbox').fill('Prod database');
  await app.screenshot('delete', 'delete-confirm-prod');
  await app.detail.deleteConfirm.click();
  await expect(app.detail.deleteDialog).toBeHidden();
  await expect(app.main.rows).toHaveCount(0);

  const gone = await app.api('getKey', { key: { name: 'Prod database' } });
  expect(gone.ok ? 'found' : gone.error.code).toBe('NOT_FOUND');
});
