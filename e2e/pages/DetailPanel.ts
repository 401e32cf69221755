import { expect, type Locator, type Page } from '@playwright/test';

/** The selected key's details, with Reveal, Copy, Edit, Rotate… and Delete, and its dialogs. */
export class DetailPanel {
  readonly revealedValue: Locator;
  readonly rotateDialog: Locator;
  readonly newSecret: Locator;
  readonly rotateConfirm: Locator;
  readonly deleteDialog: Locator;
  readonly deleteConfirm: Locator;

  constructor(readonly page: Page) {
    this.revealedValue = page.getByRole('textbox', { name: 'Revealed value' });
    this.rotateDialog = page.getByRole('dialog', { name: /^Rotate / });
    this.newSecret = this.rotateDialog.getByLabel('New secret', { exact: true });
    this.rotateConfirm = this.rotateDialog.getByRole('button', { name: 'Rotate key' });
    this.deleteDialog = page.getByRole('dialog', { name: /^Delete .+\?$/ });
    this.deleteConfirm = this.deleteDialog.getByRole('button', { name: 'Delete key' });
  }

  /** The panel of the key named `name` (a region named by its heading). */
  panel(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  button(name: string, label: 'Reveal' | 'Hide' | 'Copy' | 'Edit' | 'Rotate…' | 'Delete'): Locator {
    return this.panel(name).getByRole('button', { name: label, exact: true });
  }

  /** The value shown for one field, e.g. "Rotated": the definition that follows its term. */
  field(name: string, label: string): Locator {
    return this.panel(name).getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  }

  activity(name: string): Locator {
    return this.panel(name).getByRole('region', { name: 'Recent activity' }).getByRole('listitem');
  }

  async reveal(name: string): Promise<void> {
    await this.button(name, 'Reveal').click();
    await expect(this.revealedValue).toBeVisible();
  }

  async rotate(name: string, newValue: string): Promise<void> {
    await this.button(name, 'Rotate…').click();
    await expect(this.rotateDialog).toBeVisible();
    await this.newSecret.fill(newValue);
    await this.rotateConfirm.click();
    await expect(this.rotateDialog).toBeHidden();
  }

  async delete(name: string, { typeName = false } = {}): Promise<void> {
    await this.button(name, 'Delete').click();
    await expect(this.deleteDialog).toBeVisible();
    if (typeName) await this.deleteDialog.getByRole('textbox').fill(name);
    await this.deleteConfirm.click();
    await expect(this.deleteDialog).toBeHidden();
  }
}
