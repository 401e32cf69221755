import { expect, type Locator, type Page } from '@playwright/test';

/** The main window: top bar, sidebar of filters and tags, the key grid and the toast bar. */
export class MainPage {
  readonly search: Locator;
  readonly addKey: Locator;
  readonly lock: Locator;
  readonly settings: Locator;
  readonly auditLog: Locator;
  readonly sidebar: Locator;
  readonly allKeys: Locator;
  readonly list: Locator;
  readonly rows: Locator;
  /** The toast bar: "Copied <name> — clears in N s", then "Cleared". */
  readonly toast: Locator;
  readonly autoLockCountdown: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search keys' });
    this.addKey = page.getByRole('button', { name: 'Add key', exact: true });
    this.lock = page.getByRole('button', { name: 'Lock', exact: true });
    this.settings = page.getByRole('button', { name: 'Settings', exact: true });
    this.auditLog = page.getByRole('button', { name: 'Audit log', exact: true });
    this.sidebar = page.getByRole('navigation', { name: 'Filters' });
    this.allKeys = this.sidebar.getByRole('button', { name: 'All keys' });
    this.list = page.getByRole('grid', { name: 'Keys' });
    this.rows = this.list.getByRole('row');
    this.toast = page.getByRole('status').filter({ hasText: /Copied|Cleared/ });
    this.autoLockCountdown = page.getByRole('status').filter({ hasText: /Locks in/ });
  }

  async expectShown(): Promise<void> {
    await expect(this.search).toBeVisible();
    await expect(this.lock).toBeVisible();
  }

  copyButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Copy ${name}`, exact: true });
  }

  /** A row, found by the "Copy <name>" button only it has. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.copyButton(name) });
  }

  tag(name: string): Locator {
    return this.sidebar.getByRole('button', { name, exact: true });
  }

  renameTagButton(name: string): Locator {
    return this.sidebar.getByRole('button', { name: `Rename tag ${name}` });
  }

  smartFilter(label: 'Rotation due' | 'Expiring soon' | 'Unused 90+ days'): Locator {
    return this.sidebar.getByRole('button', { name: label, exact: true });
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** Types into search one key at a time, with no pause between keys, as a quick typist does. */
  async typeInSearch(text: string): Promise<void> {
    await this.search.pressSequentially(text);
  }

  async select(name: string): Promise<void> {
    await this.row(name).click();
  }

  /** The names of the rows now in the DOM (the list is virtualized: only those in view). */
  async visibleNames(): Promise<string[]> {
    const labels = await this.list.getByRole('button', { name: /^Copy / }).evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('aria-label') ?? ''),
    );
    return labels.map((label) => label.replace(/^Copy /, ''));
  }
}
