import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // e2e/ is Playwright's, not Vitest's, except the browser host's own request-guard tests
    // (e2e/host). Renderer tests are included so that one written there runs (in Node: pure logic
    // only) instead of being silently skipped.
    include: [
      'core/**/*.test.ts',
      'cli/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'e2e/host/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'e2e/scenarios/**', 'e2e/artifacts/**'],
    environment: 'node',
    // Keychain calls go through D-Bus to gnome-keyring, which can take seconds on a loaded machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A separate process per file: keytar is a native addon, and a crash in one file must not take
    // the others with it.
    pool: 'forks',
    // One file at a time: every integration test shares the single gnome-keyring daemon that
    // scripts/with-keyring starts (and its one D-Bus session). In parallel, files contend for it
    // and for the clipboard, which shows up as flaky timeouts rather than real failures. Each test
    // still uses its own keychain service name, so order does not matter.
    fileParallelism: false,
  },
});
