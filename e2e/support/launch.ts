import { _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { createDispatcher } from '../../core/api/dispatcher';
import type { Result } from '../../core/api/results';
import { openVault } from '../../core/open-vault';
import { electronMainScript } from './electron-binary';
import { startHost } from './host-process';
import { repoRoot } from './paths';
import type { VaultLocation } from './test-vault-home';

export type Driver = 'browser' | 'electron';

/** Calls one window operation on the vault under test, outside the page. */
export type VaultApi = <T = unknown>(operation: string, args?: unknown) => Promise<Result<T>>;

/** A running app under one driver: its window, its output, and a way to call the vault beside it. */
export interface LaunchedApp {
  page: Page;
  /** Everything the host (or Electron's main process) printed. */
  output(): string;
  /**
   * The contract outside the page: the browser host's HTTP API (token, Origin and all), or for
   * Electron the same dispatcher in this process, as the CLI would use the vault beside the app.
   */
  api: VaultApi;
  /** The Electron app itself (its main process), for what only main can see; null in the browser. */
  electronApp: ElectronApplication | null;
  close(): Promise<void>;
}

export interface LaunchOptions {
  location: VaultLocation;
  /** Test-only idle timeout; only the browser host honours it (KEYSTASH_HOST_TEST_IDLE_MS). */
  hostIdleMs: number | undefined;
  /** Runs after the vault can be called and before the window opens (e.g. enrolment). */
  beforeOpen: (api: VaultApi) => Promise<void>;
}

const VIEWPORT = { width: 1280, height: 800 };

export async function launchInBrowser(browser: Browser, options: LaunchOptions): Promise<LaunchedApp> {
  const env = { ...options.location.env };
  if (options.hostIdleMs !== undefined) env.KEYSTASH_HOST_TEST_IDLE_MS = String(options.hostIdleMs);
  const host = await startHost(env);
  const api: VaultApi = (operation, args) => host.call(operation, args);
  try {
    await options.beforeOpen(api);
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(host.url);
    return {
      page,
      output: host.output,
      api,
      electronApp: null,
      async close() {
        await context.close().catch(() => undefined);
        await host.stop();
      },
    };
  } catch (error) {
    await host.stop();
    throw error;
  }
}

export async function launchInElectron(executablePath: string, options: LaunchOptions): Promise<LaunchedApp> {
  // The CLI's view of the vault: the same dispatcher, in this process, on the same home and keychain.
  // It is never shut down here, because shutting down would end the session the app shares.
  const vault = openVault({ env: options.location.env });
  const dispatch = createDispatcher(vault, 'window');
  const api: VaultApi = async (operation, args) => {
    const result = await dispatch(operation, args);
    await vault.settle();
    return result as never;
  };
  await options.beforeOpen(api);

  const app = await _electron.launch({
    executablePath,
    // Chromium refuses to start as root with its sandbox on; CI containers run as root.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), electronMainScript()],
    env: options.location.env as Record<string, string>,
    cwd: repoRoot,
  });
  let output = '';
  app.process().stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  app.process().stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const page = await app.firstWindow();
  await page.setViewportSize(VIEWPORT).catch(() => undefined);
  return {
    page,
    output: () => output,
    api,
    electronApp: app,
    async close() {
      await app.close().catch(() => undefined);
    },
  };
}
