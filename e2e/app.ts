import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { KeySummary } from '../core/api/results';
import { AuditPage } from './pages/AuditPage';
import { BackupDialogs } from './pages/BackupDialogs';
import { DetailPanel } from './pages/DetailPanel';
import { DriftReview } from './pages/DriftReview';
import { EnrolPage } from './pages/EnrolPage';
import { KeyForm } from './pages/KeyForm';
import { MainPage } from './pages/MainPage';
import { SettingsDialog } from './pages/SettingsDialog';
import { ExportDialog, ImportEnvDialog, ScanPage } from './pages/TransferPages';
import { UnlockPage } from './pages/UnlockPage';
import { readSystemClipboard } from './support/clipboard';
import type { Driver, VaultApi } from './support/launch';
import { screenshotBothSchemes } from './support/screenshots';
import { formatLeaks, scanPage, type SecretRegistry } from './support/secret-scan';
import type { VaultLocation } from './support/test-vault-home';
import { currentCode, nextStepCode } from './support/totp-codes';

export interface NewKey {
  name: string;
  secret: string;
  envVar?: string | null;
  provider?: string | null;
  tags?: string[];
}

/**
 * What a scenario drives: the window's page objects, plus the few things a test needs beside the
 * window (the vault's API for setup, the real clipboard, screenshots). Scenarios say what a user
 * does; this class knows how, whichever driver runs it (after Signal-Desktop's test `App`).
 */
export class App {
  readonly enrol: EnrolPage;
  readonly unlock: UnlockPage;
  readonly main: MainPage;
  readonly keyForm: KeyForm;
  readonly detail: DetailPanel;
  readonly audit: AuditPage;
  readonly settings: SettingsDialog;
  readonly importEnv: ImportEnvDialog;
  readonly exportKeys: ExportDialog;
  readonly scan: ScanPage;
  readonly drift: DriftReview;
  readonly backups: BackupDialogs;
  /** The TOTP secret, once enrolled (by the fixture or through the UI). */
  totpSecret: string | null = null;
  /** The recovery codes of that enrolment. */
  recoveryCodes: string[] = [];

  constructor(
    readonly page: Page,
    readonly driver: Driver,
    readonly secrets: SecretRegistry,
    readonly location: VaultLocation,
    readonly api: VaultApi,
    private readonly testInfo: TestInfo,
  ) {
    this.enrol = new EnrolPage(page);
    this.unlock = new UnlockPage(page);
    this.main = new MainPage(page);
    this.keyForm = new KeyForm(page);
    this.detail = new DetailPanel(page);
    this.audit = new AuditPage(page);
    this.settings = new SettingsDialog(page);
    this.importEnv = new ImportEnvDialog(page);
    this.exportKeys = new ExportDialog(page);
    this.scan = new ScanPage(page);
    this.drift = new DriftReview(page);
    this.backups = new BackupDialogs(page);
  }

  /**
   * Enrolment as a user does it, from the setup screen on: read the setup key off the screen, type
   * the code an authenticator would show now, then acknowledge the recovery codes. Returns the TOTP
   * secret. `screenshots` names the scenario for a picture of the recovery codes.
   */
  async enrolThroughUi(options: { screenshots?: string } = {}): Promise<string> {
    await expect(this.enrol.heading).toBeVisible();
    await expect(this.enrol.qrCode).toBeVisible();
    const secret = this.secrets.addShownOnScreen(await this.enrol.readSetupKey());
    await this.enrol.enterCode(await currentCode(secret));
    await expect(this.enrol.recoveryHeading).toBeVisible();
    const recoveryCodes = await this.enrol.readRecoveryCodes();
    for (const code of recoveryCodes) this.secrets.addShownOnScreen(code);
    if (options.screenshots) await this.screenshot(options.screenshots, 'enrol-recovery-codes');
    await this.enrol.acknowledgeRecoveryCodes();
    await this.main.expectShown();
    this.totpSecret = secret;
    this.recoveryCodes = recoveryCodes;
    return secret;
  }

  /** Unlocks with the next step's code: the one code unlock accepts straight after enrolment. */
  async unlockWithNextCode(): Promise<string> {
    const code = await nextStepCode(this.requireSecret());
    await this.unlock.enterCode(code);
    await this.main.expectShown();
    return code;
  }

  async lock(): Promise<void> {
    await this.main.lock.click();
    await expect(this.unlock.heading).toBeVisible();
  }

  requireSecret(): string {
    if (!this.totpSecret) throw new Error('Not enrolled: use test.use({ vaultState: "enrolled" }) or enrolThroughUi().');
    return this.totpSecret;
  }

  /** Adds a key beside the window (through the vault API) and remembers its value for the leak scan. */
  async createKeyViaApi(key: NewKey): Promise<KeySummary> {
    this.secrets.add(key.secret);
    const result = await this.api<KeySummary>('createKey', key);
    if (!result.ok) throw new Error(`createKey ${key.name}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /**
   * Waits until the window's keychain check has listed the keychain, so what a test changes beside
   * the window next is met by a later check, not by one already under way. The host lists one at a
   * time, so a fresh listing of ours returns only after the window's, if the window asked first: it
   * asks as the main view opens, so wait for that. (Without `refresh`, a call that came first took
   * the unlock's finished report at once.) The host lists over D-Bus (secret-service-accounts.ts),
   * so an entry deleted beside a listing no longer fails it or crashes the host, as keytar's did.
   */
  async keychainListingsDone(): Promise<void> {
    await this.main.expectShown();
    const checked = await this.api('checkDrift', { refresh: true });
    expect(checked.ok, 'checkDrift').toBe(true);
  }

  /**
   * Runs `change` beside the window, then waits until the window has checked the keychain after it
   * and has the answer. The browser driver sees the window's calls (HTTP to the host), so it waits for
   * exactly that call; Electron's go over IPC, so there it waits as long as a check after a change
   * takes to start (useDrift) and to list a test vault.
   */
  async afterWindowKeychainCheck(change: () => Promise<void>): Promise<void> {
    if (this.driver !== 'browser') {
      await change();
      await this.page.waitForTimeout(3_000);
      return;
    }
    const checking = this.page.waitForRequest((request) => new URL(request.url()).pathname === '/api/checkDrift', { timeout: 10_000 });
    await change();
    await (await (await checking).response())?.finished();
    // The answer is in the page; one frame later it is on screen.
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  }

  /** Every key's name in the vault, sorted, read through the vault API (not the window). */
  async keyNames(): Promise<string[]> {
    const listed = await this.api<{ keys: KeySummary[] }>('listKeys', {});
    if (!listed.ok) throw new Error(`listKeys: ${listed.error.code} ${listed.error.message}`);
    return listed.value.keys.map((k) => k.name).sort();
  }

  /** Adds a key through the form, as a user would. */
  async addKeyThroughForm(key: NewKey & { notes?: string }): Promise<void> {
    this.secrets.add(key.secret);
    await this.main.addKey.click();
    await this.keyForm.fill({
      name: key.name,
      secret: key.secret,
      ...(key.envVar ? { envVar: key.envVar } : {}),
      ...(key.provider ? { provider: key.provider } : {}),
      ...(key.tags ? { tags: key.tags } : {}),
      ...(key.notes ? { notes: key.notes } : {}),
    });
    await this.keyForm.submit();
    await expect(this.main.copyButton(key.name)).toBeVisible();
  }

  /** Reloads the window, e.g. after seeding the vault from outside. */
  async reload(): Promise<void> {
    await this.page.reload();
  }

  async openSettings(): Promise<SettingsDialog> {
    await this.main.settings.click();
    await expect(this.settings.dialog).toBeVisible();
    return this.settings;
  }

  async openAudit(): Promise<AuditPage> {
    await this.main.auditLog.click();
    await this.audit.expectShown();
    return this.audit;
  }

  readClipboard(): Promise<string> {
    return readSystemClipboard();
  }

  /** This screen in light and dark, as e2e/artifacts/screenshots/<scenario>-<screen>-<scheme>.png. */
  async screenshot(scenario: string, screen: string, mask: Locator[] = []): Promise<void> {
    await screenshotBothSchemes(this.page, this.testInfo, this.driver, scenario, screen, mask);
  }

  /** Where a value may legitimately be in the page right now: the Reveal field, the form being typed. */
  allowedSecretHolders(): Locator[] {
    return [this.detail.revealedValue, this.keyForm.secret, this.detail.newSecret];
  }

  /** Fails when any value the test used is in the page outside the allowed fields. */
  async expectNoSecretInPage(): Promise<void> {
    const leaks = await scanPage(this.page, this.secrets.forPage(), this.allowedSecretHolders());
    expect(leaks, `secret values in the page:\n${formatLeaks(leaks)}`).toEqual([]);
  }
}
