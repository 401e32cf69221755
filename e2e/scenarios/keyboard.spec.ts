import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { nextStepCode } from '../support/totp-codes';

test.use({ vaultState: 'enrolled' });

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is not reachable. */
async function tabTo(page: Page, target: Locator, { max = 40, backwards = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reachable with ${backwards ? 'Shift+' : ''}Tab`).toBeFocused();
}

test('keyboard only: search, select, copy, edit, add, delete, settings, lock and unlock', async ({ app, page }) => {
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_keyboard_1a2b'), provider: 'Stripe' });
  await app.createKeyViaApi({ name: 'OpenAI', secret: app.secrets.add('sk-openai-keyboard-3c4d'), provider: 'OpenAI' });
  await app.reload();
  await app.main.expectShown();
  const { main, keyForm } = app;

  // "/" and Ctrl+K focus the search box.
  await page.locator('body').press('/');
  await expect(main.search).toBeFocused();
  await page.keyboard.type('stripe');
  await expect(main.rows).toHaveCount(1);
  // ArrowDown hands the keyboard to the list, with the first result selected.
  await page.keyboard.press('ArrowDown');
  await expect(main.list).toBeFocused();
  await expect(main.row('Stripe live')).toHaveAttribute('aria-selected', 'true');

  // Enter copies the selected key.
  await page.keyboard.press('Enter');
  await expect(main.toast).toContainText('Copied Stripe live');

  // E edits it; Enter in a field saves.
  await page.keyboard.press('e');
  await expect(keyForm.dialog).toBeVisible();
  await expect(keyForm.name).toBeFocused();
  await expect(keyForm.dialog).toHaveAccessibleName('Edit Stripe live');
  await app.screenshot('keyboard', 'key-form-edit');
  await tabTo(page, keyForm.provider);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Stripe Inc');
  await page.keyboard.press('Enter');
  await expect(keyForm.dialog).toBeHidden();
  await expect(main.row('Stripe live')).toContainText('Stripe Inc');

  // Arrow keys move through the whole list once the search is cleared.
  await page.keyboard.press('Control+k');
  await expect(main.search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(main.search).toHaveValue('');
  await expect(main.rows).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(main.list).toBeFocused();
  await page.keyboard.press('Home');
  await expect(main.row('OpenAI')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(main.row('Stripe live')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(main.row('OpenAI')).toHaveAttribute('aria-selected', 'true');

  // Add a key without the mouse.
  await tabTo(page, main.addKey, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(keyForm.name).toBeFocused();
  await page.keyboard.type('GitHub deploy');
  await tabTo(page, keyForm.secret);
  await page.keyboard.type(app.secrets.add('ghp_keyboard_5e6f7a8b'));
  await tabTo(page, keyForm.tags);
  await page.keyboard.type('ci');
  await page.keyboard.press('Enter');
  await expect(keyForm.dialog.getByRole('button', { name: 'Remove tag ci' })).toBeVisible();
  await tabTo(page, keyForm.save);
  await page.keyboard.press('Enter');
  await expect(keyForm.dialog).toBeHidden();
  await expect(main.row('GitHub deploy')).toBeVisible();
  await app.screenshot('keyboard', 'main-keyboard-focus');

  // Delete asks first; Enter confirms.
  await main.list.focus();
  await expect(main.row('GitHub deploy')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  await expect(app.detail.deleteDialog).toBeVisible();
  await expect(app.detail.deleteConfirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.detail.deleteDialog).toBeHidden();
  await expect(main.copyButton('GitHub deploy')).toHaveCount(0);

  // Settings opens and Escape closes it.
  await tabTo(page, main.settings);
  await page.keyboard.press('Enter');
  await expect(app.settings.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(app.settings.dialog).toBeHidden();
  await expect(main.settings).toBeFocused();

  // Lock, then unlock by typing the code into the field that has focus.
  await tabTo(page, main.lock);
  await page.keyboard.press('Enter');
  await expect(app.unlock.codeInput).toBeFocused();
  await page.keyboard.type(await nextStepCode(app.requireSecret()));
  await main.expectShown();
});
