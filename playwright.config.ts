import { defineConfig } from '@playwright/test';

// Scenarios are written once under e2e/scenarios and run by two drivers (projects). A scenario's
// fixtures read the driver from `testInfo.project.name` (or `project.metadata.driver`):
// - browser:  Debian's Chromium against the browser host (out/host/host.js) with the real core and keychain.
// - electron: `_electron.launch` on the built app; it skips, with one clear line, where the Electron
//   binary is not installed.
// Run it through `npm test` or `npm run e2e`, which wrap it in scripts/with-keyring and xvfb-run.

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: 'scenarios/**/*.spec.ts',
  // Screenshots of each screen, failure traces and the JSON report all land here.
  outputDir: 'e2e/artifacts/test-results',
  // The scenarios share one keychain daemon and, for Electron, one app instance at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    // scripts/test.mjs points this at a temporary file to read the counts.
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'e2e/artifacts/results.json' }],
  ],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      metadata: { driver: 'browser' },
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
      },
    },
    {
      name: 'electron',
      metadata: { driver: 'electron' },
    },
  ],
});
