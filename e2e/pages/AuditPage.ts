import { expect, type Locator, type Page } from '@playwright/test';

/** The audit log view: filters by event and key, the failure summary, and "Verify integrity". */
export class AuditPage {
  readonly view: Locator;
  readonly eventFilter: Locator;
  readonly keyFilter: Locator;
  readonly rows: Locator;
  readonly verify: Locator;
  readonly verifyResult: Locator;
  readonly failureSummary: Locator;
  readonly back: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByRole('region', { name: 'Audit log' });
    this.eventFilter = this.view.getByLabel('Event', { exact: true });
    this.keyFilter = this.view.getByLabel('Key', { exact: true });
    // The body rows only: the header row holds column headers, not cells.
    this.rows = this.view.getByRole('row').filter({ has: page.getByRole('cell') });
    this.verify = this.view.getByRole('button', { name: 'Verify integrity' });
    this.verifyResult = this.view.getByRole('status').filter({ hasText: /Intact|Broken/ });
    this.failureSummary = this.view.getByRole('note');
    this.back = this.view.getByRole('button', { name: 'Back to keys' });
  }

  async expectShown(): Promise<void> {
    await expect(this.view).toBeVisible();
  }

  /** The rows whose event column reads `label` (as the view words it, e.g. "Copied"). */
  rowsFor(label: string | RegExp): Locator {
    return this.rows.filter({ has: this.page.getByRole('cell', { name: label }) });
  }
}
