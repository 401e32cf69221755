import { expect, type Locator, type Page } from '@playwright/test';

/** The lock screen: one six-digit field that submits on the sixth digit. */
export class UnlockPage {
  readonly heading: Locator;
  readonly codeInput: Locator;
  readonly unlockButton: Locator;
  /** Wrong, replayed and throttled messages are announced here. */
  readonly message: Locator;
  /** The live "Try again in …" countdown. */
  readonly throttleTimer: Locator;
  readonly useRecoveryCode: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Unlock Keystash' });
    this.codeInput = page.getByLabel('Authenticator code');
    this.unlockButton = page.getByRole('button', { name: 'Unlock', exact: true });
    this.message = page.getByRole('alert');
    this.throttleTimer = page.getByRole('timer');
    this.useRecoveryCode = page.getByRole('button', { name: 'Use a recovery code' });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.codeInput).toBeFocused();
  }

  /** Types the code; the form submits on the sixth digit. */
  async enterCode(code: string): Promise<void> {
    await this.codeInput.fill(code);
  }

  /** Seconds left on the countdown ("1 min 30 s" → 90). */
  async throttleSecondsLeft(): Promise<number> {
    const text = (await this.throttleTimer.innerText()).trim();
    const minutes = /(\d+)\s*min/.exec(text)?.[1];
    const seconds = /(\d+)\s*s\b/.exec(text)?.[1];
    return Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  }
}
