import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { App } from './app';
import { ELECTRON_SKIP_LINE, electronExecutable } from './support/electron-binary';
import { launchInBrowser, launchInElectron, type Driver, type LaunchedApp, type VaultApi } from './support/launch';
import { formatLeaks, scanFolder, scanPage, scanText, SecretRegistry } from './support/secret-scan';
import { createVaultLocation, removeVaultLocation, type VaultLocation } from './support/test-vault-home';
import { currentCode } from './support/totp-codes';

interface Options {
  /** 'enrolled': enrolled (and so unlocked) through the vault API before the window opens. */
  vaultState: 'fresh' | 'enrolled';
  /** Test-only idle timeout for the browser host (KEYSTASH_HOST_TEST_IDLE_MS). */
  hostIdleMs: number | undefined;
}

interface TestFixtures {
  electronSkip: void;
  vaultLocation: VaultLocation;
  launched: LaunchedApp & { secrets: SecretRegistry; enrolment: ApiEnrolment | null };
  page: Page;
  app: App;
}

interface WorkerFixtures {
  driver: Driver;
  electronPath: string | null;
  hostBrowser: Browser | null;
}

let skipLinePrinted = false;

/**
 * Scenarios import `test` from here. Each test gets its own vault (home folder and keychain
 * service), a running app on it (the browser host plus Chromium, or Electron), `page` at the app,
 * and `app`, the page objects. After each test every file in the vault home, everything the app
 * printed, and the page are searched for every secret value the test used.
 */
export const test = base.extend<Options & TestFixtures, WorkerFixtures>({
  vaultState: ['fresh', { option: true }],
  hostIdleMs: [undefined, { option: true }],

  driver: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      const declared = workerInfo.project.metadata?.driver ?? workerInfo.project.name;
      if (declared !== 'browser' && declared !== 'electron') throw new Error(`Unknown e2e driver "${declared}".`);
      await use(declared);
    },
    { scope: 'worker' },
  ],

  electronPath: [
    async ({ driver }, use) => {
      const path = driver === 'electron' ? electronExecutable() : null;
      if (driver === 'electron' && !path && !skipLinePrinted) {
        skipLinePrinted = true;
        console.log(ELECTRON_SKIP_LINE);
      }
      await use(path);
    },
    { scope: 'worker' },
  ],

  // Our own Chromium for the browser driver, so the electron project never launches a browser.
  hostBrowser: [
    async ({ driver, playwright, launchOptions }, use) => {
      if (driver !== 'browser') return use(null);
      const browser = await playwright.chromium.launch(launchOptions);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  electronSkip: [
    async ({ driver, electronPath }, use, testInfo) => {
      testInfo.skip(driver === 'electron' && !electronPath, ELECTRON_SKIP_LINE);
      await use();
    },
    { auto: true },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  vaultLocation: async ({}, use) => {
    const location = await createVaultLocation();
    await use(location);
    await removeVaultLocation(location);
  },

  launched: async ({ driver, electronPath, hostBrowser, vaultLocation, vaultState, hostIdleMs }, use, testInfo) => {
    const secrets = new SecretRegistry();
    let enrolment: ApiEnrolment | null = null;
    const beforeOpen = async (api: VaultApi) => {
      if (vaultState === 'enrolled') enrolment = await enrolThroughApi(api, secrets);
    };
    const options = { location: vaultLocation, hostIdleMs, beforeOpen };
    const launched =
      driver === 'browser'
        ? await launchInBrowser(hostBrowser!, options)
        : await launchInElectron(electronPath!, options);

    await use({ ...launched, secrets, enrolment });

    await launched.close();
    // Only now: the host's shutdown (clipboard clear, lock) is part of what is scanned.
    const leaks = [
      ...(await scanFolder(vaultLocation.home, secrets.forDisk())),
      ...scanText(driver === 'browser' ? 'browser host output' : 'Electron output', launched.output(), secrets.forDisk()),
    ];
    await testInfo.attach('app-output.txt', { body: launched.output(), contentType: 'text/plain' });
    expect(leaks, `secret values found after the scenario:\n${formatLeaks(leaks)}`).toEqual([]);
  },

  page: async ({ launched }, use) => {
    await use(launched.page);
  },

  app: async ({ page, driver, vaultLocation, launched }, use, testInfo) => {
    const app = new App(page, driver, launched.secrets, vaultLocation, launched.api, testInfo);
    app.totpSecret = launched.enrolment?.secret ?? null;
    app.recoveryCodes = launched.enrolment?.recoveryCodes ?? [];
    await use(app);
    const leaks = await scanPage(page, launched.secrets.forPage(), app.allowedSecretHolders());
    expect(leaks, `secret values in the page after the scenario:\n${formatLeaks(leaks)}`).toEqual([]);
  },
});

interface ApiEnrolment {
  secret: string;
  recoveryCodes: string[];
}

/** Enrolment through the contract, for scenarios that are not about enrolment. Leaves the vault unlocked. */
async function enrolThroughApi(api: VaultApi, secrets: SecretRegistry): Promise<ApiEnrolment> {
  const begun = await api<{ secret: string }>('beginEnrolment');
  if (!begun.ok) throw new Error(`beginEnrolment: ${begun.error.code} ${begun.error.message}`);
  const secret = secrets.addShownOnScreen(begun.value.secret);
  const confirmed = await api<{ recoveryCodes: string[] }>('confirmEnrolment', { code: await currentCode(secret) });
  if (!confirmed.ok) throw new Error(`confirmEnrolment: ${confirmed.error.code} ${confirmed.error.message}`);
  for (const code of confirmed.value.recoveryCodes) secrets.addShownOnScreen(code);
  return { secret, recoveryCodes: confirmed.value.recoveryCodes };
}

export { expect };
