import { join } from 'node:path';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, powerMonitor, protocol, session, shell } from 'electron';
import { startAgent, type Agent } from '../core/agent/agent-server';
import { createDispatcher } from '../core/api/dispatcher';
import { openVault } from '../core/open-vault';
import type { Vault } from '../core/vault';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { adoptVaultHomeAsUserData } from './app-identity';
import { createConsoleLinkOpener } from './console-links';
import { limitCoreDumps } from './core-dumps';
import { applyDownloadPolicy, documentsOrHome } from './download-policy';
import { createElectronClipboard } from './electron-clipboard';
import { registerIpcTransport } from './ipc-transport';
import { createNativeFileChooser } from './native-file-chooser';
import { guardAllWebContents, type WindowOpenListener } from './navigation-guard';
import { applyPermissionPolicy } from './permissions';
import { createQuitGuard } from './quit-guard';
import { rendererEntryUrl, trustedRendererOrigins } from './renderer-origin';
import { watchSystemLock } from './system-lock-watch';
import { forwardVaultEvents } from './vault-event-forwarder';
import { createMainWindow } from './window';

// Lifecycle only: each concern lives in the module named after it.

const env = process.env;
/** How long quitting waits for the vault to clear the clipboard and end the session. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

// Before `ready`: these must precede anything that reads a path or starts a renderer.
adoptVaultHomeAsUserData(app, env);
app.enableSandbox();
registerAppScheme(protocol);
// Every window-open request is denied from the first webContents on. A key's Console URL may still go
// to the browser, but that needs the vault, which opens after `ready`: until then there is no opener.
let openConsoleLink: WindowOpenListener | null = null;
guardAllWebContents(app, (details, contents) => openConsoleLink?.(details, contents));

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Keystash owns this vault; it focuses its window (second-instance) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // A closed window must not leave an unlocked session and a copied value behind, so closing it
  // quits on every platform (macOS included) and quitting runs the vault's shutdown.
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  if (process.platform === 'linux') await limitCoreDumpsOfAppProcesses();

  const appRoot = app.getAppPath();
  const trustedOrigins = trustedRendererOrigins(env, app.isPackaged);
  applyPermissionPolicy(session.defaultSession, trustedOrigins);
  const appContents = () => (mainWindow === null ? null : mainWindow.webContents);
  applyDownloadPolicy(session.defaultSession, {
    appContents,
    trustedOrigins,
    defaultDirectory: () => documentsOrHome(app),
    platform: process.platform,
    onRefused: (reason) => console.warn(`Refused a download: ${reason}.`),
    onError: (error) => console.error(`Could not make the saved file private (chmod 600): ${describe(error)}`),
  });
  serveRenderer(protocol, join(appRoot, 'out', 'renderer'));

  const vault = openVault({
    env,
    clipboard: createElectronClipboard({
      clipboard,
      ClipboardItem,
      platform: process.platform,
      onConcealFailed: (error) => console.warn(`Copied without the clipboard-manager markers: ${describe(error)}`),
    }),
    fileChooser: createNativeFileChooser({ dialog, parent: () => mainWindow, defaultFolder: () => documentsOrHome(app) }),
  });
  let agent: Agent | null = null;
  app.on('before-quit', createQuitGuard({
    shutdown: async () => {
      await agent?.close().catch((error: unknown) => console.warn(`Closing the agent: ${describe(error)}`)); // no read between the lock and the quit
      await vault.shutdown();
    },
    quit: () => app.quit(),
    timeoutMs: SHUTDOWN_TIMEOUT_MS,
    onError: (error) => console.error(`Keystash did not shut down cleanly: ${describe(error)}`),
  }));
  vault.on('backgroundError', (error) => console.error(`Keystash background task failed: ${describe(error)}`));
  openConsoleLink = createConsoleLinkOpener({
    appContents,
    vault,
    openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK: only console-links.ts calls this, with a URL checkConsoleLink accepted
    onRefused: (reason) => console.warn(`Did not open a link: ${reason}.`),
    onError: (error) => console.error(`Opening a Console URL failed: ${describe(error)}`),
  });

  const window = createMainWindow({ preloadPath: join(appRoot, 'out', 'preload', 'index.cjs'), devTools: !app.isPackaged });
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });

  registerIpcTransport({
    ipcMain,
    appContents,
    trustedOrigins,
    dispatch: createDispatcher(vault, 'window', (operation, error) =>
      console.error(`Keystash operation ${operation} failed unexpectedly: ${describe(error)}`),
    ),
    onRefused: (operation, reason) => console.warn(`Refused IPC call to ${operation}: ${reason}.`),
  });
  forwardVaultEvents(vault, appContents);
  watchSystemLock({ powerMonitor, platform: process.platform, onLock: () => lockForSystem(vault) });
  vault.watch();
  // The CLI's reads go through the open vault while the app runs (core/agent/agent-protocol.ts).
  agent = await startAgent(vault, env, (line) => console.warn(line)).catch((error: unknown) => {
    console.warn(`The keystash command will open the vault itself (no agent): ${describe(error)}`);
    return null;
  });

  await window.loadURL(rendererEntryUrl(env, app.isPackaged));
}

async function limitCoreDumpsOfAppProcesses(): Promise<void> {
  const pids = [...new Set([process.pid, ...app.getAppMetrics().map((metric) => metric.pid)])];
  const { failed } = await limitCoreDumps(pids);
  if (failed.includes(process.pid)) console.warn('Could not turn core dumps off (is util-linux prlimit installed?).');
}

function lockForSystem(vault: Vault): void {
  vault.lock('system').catch((error: unknown) => console.error(`Locking on screen lock failed: ${describe(error)}`));
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function failToStart(error: unknown): void {
  dialog.showErrorBox('Keystash could not start', describe(error));
  app.exit(1);
}

/** An error's message only: stacks and causes stay out of logs a user may paste into a bug report. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
