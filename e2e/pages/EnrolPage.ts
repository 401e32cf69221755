import { expect, type Locator, type Page } from '@playwright/test';

/** First run: the setup key and QR code, the confirming code, then the recovery codes. */
export class EnrolPage {
  readonly heading: Locator;
  readonly qrCode: Locator;
  /** The base32 setup key as shown: groups of four, for typing into an authenticator app. */
  readonly setupKey: Locator;
  readonly codeInput: Locator;
  readonly confirmButton: Locator;
  readonly message: Locator;
  readonly recoveryHeading: Locator;
  readonly recoveryCodes: Locator;
  readonly savedCheckbox: Locator;
  readonly continueButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: /set up (your|a new) authenticator/i });
    this.qrCode = page.getByRole('img', { name: /QR code/i });
    // 160 bits in base32 is 32 characters: eight groups of four.
    this.setupKey = page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    this.codeInput = page.getByLabel('Authenticator code');
    this.confirmButton = page.getByRole('button', { name: 'Confirm' });
    this.message = page.getByRole('alert');
    this.recoveryHeading = page.getByRole('heading', { name: /recovery codes/i });
    this.recoveryCodes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    this.savedCheckbox = page.getByRole('checkbox', { name: 'I have saved them' });
    this.continueButton = page.getByRole('button', { name: 'Continue' });
  }

  /** The setup key as an authenticator app takes it: the groups joined. */
  async readSetupKey(): Promise<string> {
    await expect(this.setupKey).toBeVisible();
    return (await this.setupKey.innerText()).replace(/\s+/g, '');
  }

  /** Types the code; the form submits itself on the sixth digit. */
  async enterCode(code: string): Promise<void> {
    await this.codeInput.fill(code);
  }

  async readRecoveryCodes(): Promise<string[]> {
    await expect(this.recoveryCodes).toHaveCount(10);
    return (await this.recoveryCodes.allInnerTexts()).map((t) => t.trim());
  }

  async acknowledgeRecoveryCodes(): Promise<void> {
    await expect(this.continueButton).toBeDisabled();
    await this.savedCheckbox.check();
    await this.continueButton.click();
  }
}
