import type { Locator, Page } from '@playwright/test';

/** The keychain-check banner in the main view and the review dialog behind it. */
export class DriftReview {
  readonly banner: Locator;
  readonly reviewButton: Locator;
  readonly dialog: Locator;
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('region', { name: 'Keychain check' });
    this.reviewButton = this.banner.getByRole('button', { name: 'Review' });
    this.dialog = page.getByRole('dialog', { name: 'Keychain check' });
    this.done = this.dialog.getByRole('button', { name: 'Done', exact: true });
  }

  /** A listed difference: a key's name (value missing) or a keychain account (value without a key). */
  item(label: string): Locator {
    return this.dialog.getByRole('listitem', { name: label, exact: true });
  }

  button(label: string, name: string | RegExp): Locator {
    return this.item(label).getByRole('button', { name });
  }
}
