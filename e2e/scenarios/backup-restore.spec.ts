import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';
import type { App } from '../app';

test.use({ vaultState: 'enrolled' });
// scrypt at N = 2^17 runs once per backup, dry run and restore.
test.describe.configure({ timeout: 60_000 });

const PASSPHRASE = 'correct horse battery staple e2e';
const STRIPE = { name: 'Stripe live', secret: 'sk_live_e2e_backup_0a1b2c3d4e5f' };
const OPENAI = { name: 'OpenAI', secret: 'sk-proj-e2e-backup-9f8e7d6c5b4a' };

async function openBackup(app: App): Promise<void> {
  await app.openSettings();
  await app.settings.backUp.click();
  await expect(app.backups.backup).toBeVisible();
}

/** Backs up through the dialog (Settings stays open) and returns the downloaded file's path and text. */
async function backUp(app: App, passphrase: string): Promise<{ path: string; text: string; name: string }> {
  await openBackup(app);
  await app.backups.passphrase.fill(passphrase);
  await app.backups.repeat.fill(passphrase);
  const downloading = app.page.waitForEvent('download');
  await app.backups.saveBackup.click();
  const download = await downloading;
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { path, text: await readFile(path, 'utf8'), name: download.suggestedFilename() };
}

async function openRestore(app: App): Promise<void> {
  await app.openSettings();
  await app.settings.restore.click();
  await expect(app.backups.restore).toBeVisible();
}


test.beforeEach(async ({ app, driver }) => {
  // Electron answers the download with the native save dialog, which Playwright cannot drive; its
  // choice of dialog and the saved file's 0600 mode are covered in electron/download-policy.test.ts.
  test.skip(driver === 'electron', 'the backup download goes through a native save dialog in Electron');
  app.secrets.add(PASSPHRASE);
  await app.createKeyViaApi(STRIPE);
  await app.createKeyViaApi(OPENAI);
  await app.reload();
  await app.main.expectShown();
});

test('the backup dialog shows the length rule live and a mismatch, then downloads ciphertext only', async ({ app }) => {
  await app.openSettings();
  await app.screenshot('backup', 'settings');
  await app.page.keyboard.press('Escape');
  await openBackup(app);
  await app.backups.passphrase.fill('short');
  await expect(app.backups.backup).toContainText('At least 12 characters (5 so far)');
  await app.backups.repeat.fill('shorx');
  await expect(app.backups.backup).toContainText('The two passphrases do not match.');
  await app.screenshot('backup', 'dialog-short-mismatch');
  // Submitting a short passphrase is stopped in the window, with the rule as the error.
  await app.backups.saveBackup.click();
  await expect(app.backups.passphrase).toHaveAttribute('aria-invalid', 'true');
  await app.backups.passphrase.fill(PASSPHRASE);
  await app.backups.repeat.fill(PASSPHRASE);
  await expect(app.backups.backup).toContainText(`${PASSPHRASE.length} characters: long enough.`);
  await expect(app.backups.backup).not.toContainText('do not match');
  await app.screenshot('backup', 'dialog-ready');
  // Escape closes the backup dialog only: Settings, beneath it, then closes on its own Escape.
  await app.page.keyboard.press('Escape');
  await expect(app.backups.backup).toBeHidden();
  await expect(app.settings.dialog).toBeVisible();
  await app.page.keyboard.press('Escape');
  await expect(app.settings.dialog).toBeHidden();

  const file = await backUp(app, PASSPHRASE);
  expect(file.name).toMatch(/^keystash-backup-\d{4}-\d{2}-\d{2}\.ksbackup$/);
  await expect(app.settings.backupsOutcome).toContainText(`Backup of 2 keys ready to save as ${file.name}`);
  await app.screenshot('backup', 'saved');
  expect(JSON.parse(file.text)).toMatchObject({ format: 'keystash-backup', version: 1 });
  for (const value of [STRIPE.secret, OPENAI.secret, PASSPHRASE]) expect(file.text).not.toContain(value);
  const audit = await app.api<{ entries: { event: string }[] }>('listAudit', {});
  expect(audit.ok && audit.value.entries.some((e) => e.event === 'backup')).toBe(true);
  await app.expectNoSecretInPage();
});

test('restore: a wrong passphrase, a changed file or another file change nothing; the right one previews, then restores', async ({ app }) => {
  expect((await app.api('updateSettings', { autoLockMinutes: 7 })).ok).toBe(true);
  const file = await backUp(app, PASSPHRASE);
  // After the backup: OpenAI is deleted, so the backup adds it back and conflicts on Stripe live;
  // and the auto-lock changes, so restoring the backup's settings brings 7 minutes back.
  const deleted = await app.api('deleteKey', { key: { name: OPENAI.name } });
  expect(deleted.ok).toBe(true);
  expect((await app.api('updateSettings', { autoLockMinutes: 9 })).ok).toBe(true);
  await app.reload();
  await app.main.expectShown();
  const before = await app.keyNames();

  await openRestore(app);
  await app.screenshot('restore', 'dialog-empty');
  await app.backups.file.setInputFiles(file.path);
  await app.backups.restorePassphrase.fill('not the right passphrase');
  await app.backups.checkBackup.click();
  await expect(app.backups.restore).toContainText('the passphrase is wrong, or the file was changed after it was written. Nothing was changed.');
  await app.screenshot('restore', 'wrong-passphrase');
  expect(await app.keyNames()).toEqual(before);

  const envelope = JSON.parse(file.text) as { data: string };
  const flipped = envelope.data.startsWith('A') ? `B${envelope.data.slice(1)}` : `A${envelope.data.slice(1)}`;
  await app.backups.file.setInputFiles({ name: 'changed.ksbackup', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...envelope, data: flipped })) });
  await app.backups.restorePassphrase.fill(PASSPHRASE);
  await app.backups.checkBackup.click();
  await expect(app.backups.restore).toContainText('the passphrase is wrong, or the file was changed');
  expect(await app.keyNames()).toEqual(before);

  await app.backups.file.setInputFiles({ name: 'notes.ksbackup', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
  await app.backups.checkBackup.click();
  await expect(app.backups.restore).toContainText('This is not a Keystash backup that can be restored');
  await app.screenshot('restore', 'not-a-backup');
  expect(await app.keyNames()).toEqual(before);

  await app.backups.file.setInputFiles(file.path);
  await app.backups.checkBackup.click();
  await expect(app.backups.restore).toContainText('adds 1 key, 1 conflict');
  await expect(app.backups.restore).toContainText('Already in this vault: Stripe live');
  await expect(app.backups.conflictChoice('Keep this vault’s keys')).toBeChecked();
  expect(await app.keyNames()).toEqual(before); // the preview is a dry run
  await app.backups.conflictChoice('Restore both').check();
  await app.backups.restoreSettings.check();
  await app.screenshot('restore', 'preview');
  await app.backups.restoreButton.click();
  await expect(app.backups.restore).toBeHidden();
  await expect(app.settings.backupsOutcome).toHaveText('Restored 1 key · renamed 1 · restored settings');
  // Settings, open beneath the restore all along, shows the settings it brought.
  await expect(app.settings.autoLockMinutes).toHaveValue('7');
  await app.screenshot('restore', 'restored');
  await app.page.keyboard.press('Escape');
  await expect(app.settings.dialog).toBeHidden();
  await expect(app.main.copyButton('OpenAI')).toBeVisible();
  await expect(app.main.copyButton('Stripe live (restored)')).toBeVisible();
  await app.screenshot('restore', 'restored-list');
  expect(await app.keyNames()).toEqual(['OpenAI', 'Stripe live', 'Stripe live (restored)']);
  await app.expectNoSecretInPage();
});
