import { expect, type Locator, type Page } from '@playwright/test';

export class SettingsDialog {
  readonly dialog: Locator;
  readonly autoLockMinutes: Locator;
  readonly clipboardClearSeconds: Locator;
  readonly neverClear: Locator;
  readonly save: Locator;
  readonly backUp: Locator;
  readonly restore: Locator;
  /** What the last Back up… or Restore… did, said in Settings' Backups group. */
  readonly backupsOutcome: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Settings' });
    this.autoLockMinutes = this.dialog.getByLabel('Auto-lock after (minutes)');
    this.clipboardClearSeconds = this.dialog.getByLabel('Clear clipboard after (seconds)');
    this.neverClear = this.dialog.getByRole('checkbox', { name: 'Never clear the clipboard' });
    this.save = this.dialog.getByRole('button', { name: 'Save', exact: true });
    this.backUp = this.dialog.getByRole('button', { name: 'Back up…' });
    this.restore = this.dialog.getByRole('button', { name: 'Restore…' });
    this.backupsOutcome = this.dialog.getByRole('group', { name: 'Backups' }).getByRole('status');
  }

  /** Sets the given values and saves; the dialog closes when the vault accepted them. */
  async change(values: { autoLockMinutes?: number; clipboardClearSeconds?: number }): Promise<void> {
    await expect(this.dialog).toBeVisible();
    // The fields are filled from the vault once loaded; wait for that before typing over them.
    await expect(this.autoLockMinutes).not.toHaveValue('');
    if (values.autoLockMinutes !== undefined) await this.autoLockMinutes.fill(String(values.autoLockMinutes));
    if (values.clipboardClearSeconds !== undefined) {
      if (await this.neverClear.isChecked()) await this.neverClear.uncheck();
      await this.clipboardClearSeconds.fill(String(values.clipboardClearSeconds));
    }
    await this.save.click();
    await expect(this.dialog).toBeHidden();
  }
}
