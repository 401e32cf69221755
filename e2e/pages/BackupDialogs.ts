import type { Locator, Page } from '@playwright/test';

/** Settings › Back up… and Restore…. */
export class BackupDialogs {
  readonly backup: Locator;
  readonly passphrase: Locator;
  readonly repeat: Locator;
  readonly saveBackup: Locator;
  readonly restore: Locator;
  readonly file: Locator;
  readonly restorePassphrase: Locator;
  readonly checkBackup: Locator;
  readonly restoreButton: Locator;
  readonly restoreSettings: Locator;

  constructor(readonly page: Page) {
    this.backup = page.getByRole('dialog', { name: 'Back up the vault' });
    this.passphrase = this.backup.getByLabel('Passphrase', { exact: true });
    this.repeat = this.backup.getByLabel('Repeat passphrase', { exact: true });
    this.saveBackup = this.backup.getByRole('button', { name: 'Save backup…' });
    this.restore = page.getByRole('dialog', { name: 'Restore from a backup' });
    this.file = this.restore.getByLabel('Backup file');
    this.restorePassphrase = this.restore.getByLabel('Passphrase', { exact: true });
    this.checkBackup = this.restore.getByRole('button', { name: 'Check backup' });
    this.restoreButton = this.restore.getByRole('button', { name: 'Restore', exact: true });
    this.restoreSettings = this.restore.getByRole('checkbox', { name: /^Also restore the backup's settings/ });
  }

  conflictChoice(label: string): Locator {
    return this.restore.getByRole('radio', { name: label });
  }
}
