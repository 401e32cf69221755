import { expect, test } from '../fixtures';

test.use({ vaultState: 'enrolled' });

test.beforeEach(async ({ app }) => {
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_tags_1'), tags: ['prod', 'billing'] });
  await app.createKeyViaApi({ name: 'OpenAI prod', secret: app.secrets.add('sk_openai_tags_2'), tags: ['prod'] });
  await app.createKeyViaApi({ name: 'Stripe test', secret: app.secrets.add('sk_test_tags_3'), tags: ['billing', 'staging'] });
  await app.createKeyViaApi({ name: 'Sentry DSN', secret: app.secrets.add('sentry_tags_4'), tags: ['staging'] });
  await app.reload();
  await app.main.expectShown();
  await expect(app.main.rows).toHaveCount(4);
});

test('filter by two tags: only keys with both', async ({ app }) => {
  await expect(app.main.tag('prod')).toHaveAccessibleDescription('2');
  await app.main.tag('prod').click();
  await expect(app.main.tag('prod')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.main.rows).toHaveCount(2);

  await app.main.tag('billing').click();
  await expect(app.main.rows).toHaveCount(1);
  expect(await app.main.visibleNames()).toEqual(['Stripe live']);
  await app.screenshot('filter-two-tags', 'main-filtered');

  // Deselecting one widens it again; "All keys" clears every filter.
  await app.main.tag('prod').click();
  await expect(app.main.rows).toHaveCount(2);
  await app.main.allKeys.click();
  await expect(app.main.rows).toHaveCount(4);
  await expect(app.main.allKeys).toHaveAttribute('aria-pressed', 'true');
});

test('rename a tag, and merge it into an existing one', async ({ app }) => {
  await app.main.tag('billing').hover();
  await app.main.renameTagButton('billing').click();
  const dialog = app.page.getByRole('dialog', { name: /Rename tag/ });
  const newName = dialog.getByLabel('New tag name');
  await expect(newName).toBeFocused();
  await newName.fill('payments');
  await app.screenshot('rename-tag', 'rename-tag-dialog');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.main.tag('billing')).toHaveCount(0);
  await expect(app.main.tag('payments')).toHaveAccessibleDescription('2');
  await expect(app.main.row('Stripe live')).toContainText('payments');

  // Renaming onto an existing tag merges the two.
  await app.main.tag('staging').hover();
  await app.main.renameTagButton('staging').click();
  await newName.fill('prod');
  await expect(newName).toHaveAccessibleDescription(/already exists, so the two are merged/);
  await app.screenshot('rename-tag', 'rename-tag-merge');
  await dialog.getByRole('button', { name: /^(Rename|Merge)/ }).click();
  await expect(dialog).toBeHidden();
  await expect(app.main.tag('staging')).toHaveCount(0);
  await expect(app.main.tag('prod')).toHaveAccessibleDescription('4');
});

test('delete a tag removes it from its keys, after asking', async ({ app }) => {
  await app.main.tag('staging').hover();
  await app.main.sidebar.getByRole('button', { name: 'Delete tag staging' }).click();
  const dialog = app.page.getByRole('dialog', { name: /staging/ });
  await expect(dialog).toBeVisible();
  await app.screenshot('delete-tag', 'delete-tag-dialog');
  await dialog.getByRole('button', { name: /^Delete/ }).click();
  await expect(dialog).toBeHidden();
  await expect(app.main.tag('staging')).toHaveCount(0);
  await expect(app.main.rows).toHaveCount(4);
  await expect(app.main.row('Sentry DSN')).not.toContainText('staging');
});
