import type { Locator, Page } from '@playwright/test';

/** Import .env…: the file input (browser host), the preview table, the progress bar. */
export class ImportEnvDialog {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly fileInput: Locator;
  readonly tagsForAll: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.open = page.getByRole('button', { name: 'Import .env…' });
    this.dialog = page.getByRole('dialog', { name: 'Import .env file' });
    this.fileInput = this.dialog.getByLabel('.env file');
    this.tagsForAll = this.dialog.getByLabel('Tags for all');
    this.progress = this.dialog.getByRole('progressbar', { name: 'Importing' });
  }

  async chooseFile(name: string, text: string): Promise<void> {
    await this.open.click();
    await this.fileInput.setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  }

  row(variable: string): Locator {
    return this.dialog.getByRole('row').filter({ has: this.page.getByText(variable, { exact: true }) });
  }

  include(variable: string): Locator {
    return this.dialog.getByRole('checkbox', { name: `Import ${variable}` });
  }

  tags(variable: string): Locator {
    return this.dialog.getByRole('textbox', { name: `Tags for ${variable}` });
  }

  conflictChoice(name: string): Locator {
    return this.dialog.getByRole('combobox', { name: `When ${name} exists` });
  }

  importButton(): Locator {
    return this.dialog.getByRole('button', { name: /^Import \d+ keys?$/ });
  }
}

/** Export…: keys, format, the typed path (browser host), and Save anyway after the git warning. */
export class ExportDialog {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly format: Locator;
  readonly path: Locator;
  readonly save: Locator;
  readonly saveAnyway: Locator;

  constructor(page: Page) {
    this.open = page.getByRole('button', { name: 'Export…' });
    this.dialog = page.getByRole('dialog', { name: 'Export keys' });
    this.format = this.dialog.getByLabel('Format');
    this.path = this.dialog.getByLabel('Save to');
    this.save = this.dialog.getByRole('button', { name: 'Save', exact: true });
    this.saveAnyway = this.dialog.getByRole('button', { name: 'Save anyway' });
  }

  async exportTo(path: string, format: string, scope: RegExp = /^All /): Promise<void> {
    await this.open.click();
    await this.dialog.getByRole('radio', { name: scope }).check();
    await this.format.selectOption({ label: format });
    await this.path.fill(path);
    await this.save.click();
  }
}

/** Scan a folder…: the typed folder (browser host), findings by file, Import selected, references. */
export class ScanPage {
  readonly open: Locator;
  readonly view: Locator;
  readonly folder: Locator;
  readonly scan: Locator;
  readonly importSelected: Locator;
  readonly back: Locator;

  constructor(readonly page: Page) {
    this.open = page.getByRole('button', { name: 'Scan a folder…' });
    this.view = page.getByRole('region', { name: 'Scan a folder' });
    this.folder = this.view.getByLabel('Folder');
    this.scan = this.view.getByRole('button', { name: 'Scan', exact: true });
    this.importSelected = this.view.getByRole('button', { name: /^Import selected/ });
    this.back = this.view.getByRole('button', { name: 'Back to keys' });
  }

  file(path: string): Locator {
    return this.view.getByRole('region', { name: path, exact: true });
  }

  copyReference(where: string): Locator {
    return this.view.getByRole('button', { name: `Copy reference for ${where}` });
  }
}
