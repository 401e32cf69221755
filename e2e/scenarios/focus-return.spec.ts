import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';

test.use({ vaultState: 'enrolled' });

/*
 * WAI-ARIA's dialog pattern: when a dialog, or a view that took the key list's place, closes, the
 * keyboard focus goes back to the control that opened it, so a keyboard user carries on from there.
 * Every control here is pressed with Enter, as a keyboard user does.
 */

/** Opens `dialog` from `opener`, closes it with Escape, then again with its Cancel: each time the focus is back on `opener`. */
async function escapeAndCancelReturnTo(opener: Locator, dialog: Locator): Promise<void> {
  await opener.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.page().keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.press('Enter');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

test('Back up… and Restore… open over Settings and give the focus back to their button, however they close', async ({ app, driver, page }) => {
  // Electron answers the backup's download with the native save dialog, which Playwright cannot drive.
  test.skip(driver === 'electron', 'the backup download goes through a native save dialog in Electron');
  // scrypt at N = 2^17 runs once per backup, dry run and restore.
  test.setTimeout(60_000);
  const passphrase = app.secrets.add('correct horse battery staple focus');
  await app.createKeyViaApi({ name: 'Stripe live', secret: app.secrets.add('sk_live_e2e_focus_0a1b2c3d4e5f') });
  await app.reload();
  await app.main.expectShown();
  const { settings, backups } = app;

  await app.main.settings.press('Enter');
  await expect(settings.dialog).toBeVisible();

  // Back up…: Escape, Cancel, and saving the backup all end on "Back up…", with Settings still open.
  await escapeAndCancelReturnTo(settings.backUp, backups.backup);
  await settings.backUp.press('Enter');
  await backups.passphrase.fill(passphrase);
  await backups.repeat.fill(passphrase);
  const downloading = page.waitForEvent('download');
  await backups.repeat.press('Enter');
  const backupFile = await (await downloading).path();
  await expect(backups.backup).toBeHidden();
  await expect(settings.backUp).toBeFocused();
  await expect(settings.backupsOutcome).toContainText('Backup of 1 key ready to save as keystash-backup-');
  await app.screenshot('focus-return', 'settings-after-backup');

  // Restore…: the same three ways out end on "Restore…".
  await escapeAndCancelReturnTo(settings.restore, backups.restore);
  await settings.restore.press('Enter');
  await backups.file.setInputFiles(backupFile);
  await backups.restorePassphrase.fill(passphrase);
  await backups.restorePassphrase.press('Enter');
  await expect(backups.restore).toContainText('adds 0 keys, 1 conflict');
  await backups.restoreButton.press('Enter');
  await expect(backups.restore).toBeHidden();
  await expect(settings.restore).toBeFocused();
  await expect(settings.backupsOutcome).toHaveText('Kept 1 already in the vault');
  await app.screenshot('focus-return', 'settings-after-restore');

  // Closing Settings itself ends on the top bar's Settings button, as before.
  await page.keyboard.press('Escape');
  await expect(settings.dialog).toBeHidden();
  await expect(app.main.settings).toBeFocused();
});

test('the audit log, Scan a folder…, Import .env… and Export… give the focus back to their top-bar button', async ({ app }) => {
  await app.createKeyViaApi({ name: 'OpenAI', secret: app.secrets.add('sk-proj-e2e-focus-9f8e7d6c5b4a') });
  await app.reload();
  await app.main.expectShown();
  const { main, audit, scan, importEnv, exportKeys } = app;

  // The views that take the key list's place: "Back to keys" goes away with them.
  await main.auditLog.press('Enter');
  await audit.expectShown();
  await audit.back.press('Enter');
  await expect(audit.view).toBeHidden();
  await expect(main.auditLog).toBeFocused();

  await scan.open.press('Enter');
  await expect(scan.view).toBeVisible();
  await scan.back.press('Enter');
  await expect(scan.view).toBeHidden();
  await expect(scan.open).toBeFocused();
  await app.screenshot('focus-return', 'back-from-scan');

  // Going from one view straight to the other leaves the focus on the button just pressed.
  await scan.open.press('Enter');
  await expect(scan.view).toBeVisible();
  await main.auditLog.press('Enter');
  await audit.expectShown();
  await expect(main.auditLog).toBeFocused();
  await audit.back.press('Enter');
  await expect(main.auditLog).toBeFocused();

  // The top bar's dialogs.
  await escapeAndCancelReturnTo(importEnv.open, importEnv.dialog);
  await escapeAndCancelReturnTo(exportKeys.open, exportKeys.dialog);
});
