import { expect, type Locator, type Page } from '@playwright/test';

export interface KeyFormValues {
  name: string;
  secret?: string;
  envVar?: string;
  provider?: string;
  tags?: string[];
  notes?: string;
}

/** The Add key / Edit dialog. */
export class KeyForm {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly secret: Locator;
  readonly showSecret: Locator;
  readonly envVar: Locator;
  readonly provider: Locator;
  readonly tags: Locator;
  readonly notes: Locator;
  readonly save: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^(Add key|Edit .+)$/ });
    this.name = this.dialog.getByLabel('Name', { exact: true });
    this.secret = this.dialog.getByLabel('Secret', { exact: true });
    this.showSecret = this.dialog.getByRole('button', { name: 'Show', exact: true });
    this.envVar = this.dialog.getByLabel('Environment variable', { exact: true });
    this.provider = this.dialog.getByLabel('Provider', { exact: true });
    this.tags = this.dialog.getByLabel('Tags', { exact: true });
    this.notes = this.dialog.getByLabel('Notes', { exact: true });
    this.save = this.dialog.getByRole('button', { name: 'Save', exact: true });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel', exact: true });
  }

  /** A tag is typed and taken with Enter, which creates it when it does not exist yet. */
  async addTag(tag: string): Promise<void> {
    await this.tags.fill(tag);
    await this.tags.press('Enter');
    await expect(this.dialog.getByRole('button', { name: `Remove tag ${tag}` })).toBeVisible();
  }

  async fill(values: KeyFormValues): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.name.fill(values.name);
    if (values.secret !== undefined) await this.secret.fill(values.secret);
    if (values.envVar !== undefined) await this.envVar.fill(values.envVar);
    if (values.provider !== undefined) await this.provider.fill(values.provider);
    for (const tag of values.tags ?? []) await this.addTag(tag);
    if (values.notes !== undefined) await this.notes.fill(values.notes);
  }

  async submit(): Promise<void> {
    await this.save.click();
    await expect(this.dialog).toBeHidden();
  }
}
