import { chmod } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { App, DownloadItem, SaveDialogOptions, Session, WebContents, WebFrameMain } from 'electron';
import { isMainFrameOf } from './main-frame';
import { originOf } from './renderer-origin';

/**
 * Downloads: the only ones the page may start are its own files, the recovery codes' "Save to
 * file…" and an encrypted backup (in Electron each is a save dialog). The renderer offers the file
 * as a `blob:` URL that it made itself, so a download is allowed only when its URL is a blob of one of our origins and our own
 * window's document started it. Anything else would write bytes chosen by someone else to disk, and
 * is cancelled. Electron then shows its save dialog, so the user picks where the file goes.
 */

export const RECOVERY_CODES_FILE_NAME = 'keystash-recovery-codes.txt';

/** Where the started download came from, read from the will-download event by describeDownload. */
export interface DownloadFacts {
  /** DownloadItem.getURL(). */
  url: string;
  /** DownloadItem.getInitiatorOrigin(): the origin that started it; "" when not web content. */
  initiatorOrigin: string;
  /** The download belongs to the app window's webContents, not a popup, webview or DevTools. */
  fromAppWindow: boolean;
  /**
   * The frame that started it: the window's main frame, a subframe, or gone (Electron passes null
   * once the frame no longer exists).
   */
  frame: 'main' | 'subframe' | 'gone';
}

export type DownloadVerdict = { allowed: true } | { allowed: false; reason: string };

/** The decision, on plain values, so it is testable without Electron. */
export function checkDownload(facts: DownloadFacts, trustedOrigins: readonly string[]): DownloadVerdict {
  if (!facts.fromAppWindow) return refuse('it did not come from the Keystash window');
  // A subframe cannot load under the CSP (default-src 'none'); refused should one ever exist. A frame
  // that is already gone is judged by the initiator origin below, which Chromium records at the start.
  if (facts.frame === 'subframe') return refuse('it came from a subframe');
  const initiator = originOf(facts.initiatorOrigin);
  if (initiator === null || !trustedOrigins.includes(initiator)) return refuse('it was not started by our own page');
  const blobOrigin = ownBlobOrigin(facts.url);
  if (blobOrigin === null) return refuse('it is not a blob: URL');
  if (blobOrigin !== initiator) return refuse('its blob: URL belongs to another origin');
  return { allowed: true };
}

/** The origin inside `blob:<origin>/<uuid>`, or null when the URL is not a blob with a real origin. */
function ownBlobOrigin(url: string): string | null {
  const prefix = 'blob:';
  if (!url.startsWith(prefix)) return null;
  return originOf(url.slice(prefix.length));
}

const refuse = (reason: string): DownloadVerdict => ({ allowed: false, reason });

/** The backup file the window offers; its date part changes, so it is matched by extension. */
export const BACKUP_FILE_EXTENSION = 'ksbackup';

/** The save dialog for an allowed download, chosen by the file name the page suggested. */
export function saveDialogFor(suggestedName: string, directory: string): SaveDialogOptions {
  // The name comes from our own page, but a path in it must still never steer where the file goes.
  const name = basename(suggestedName.replaceAll('\\', '/'));
  if (name === RECOVERY_CODES_FILE_NAME) return recoveryCodesSaveDialog(directory);
  if (name.endsWith(`.${BACKUP_FILE_EXTENSION}`)) {
    return saveDialog('Save encrypted backup', join(directory, name), { name: 'Keystash backups', extensions: [BACKUP_FILE_EXTENSION] });
  }
  return saveDialog('Save file', join(directory, name || 'keystash-file'), { name: 'All files', extensions: ['*'] });
}

/** The save dialog for the recovery codes: a text file, in Documents by default. */
export function recoveryCodesSaveDialog(directory: string): SaveDialogOptions {
  return saveDialog('Save recovery codes', join(directory, RECOVERY_CODES_FILE_NAME), { name: 'Text files', extensions: ['txt'] });
}

function saveDialog(title: string, defaultPath: string, filter: { name: string; extensions: string[] }): SaveDialogOptions {
  return {
    title,
    defaultPath,
    filters: [filter],
    // Linux only; without it the GTK dialog overwrites an existing file without asking.
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** The user's Documents folder, or their home when the platform has none to report. */
export function documentsOrHome(app: Pick<App, 'getPath'>): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}

export interface DownloadPolicyOptions {
  /** The app window's webContents at the time of the download; null once it is gone. */
  appContents: () => WebContents | null;
  trustedOrigins: readonly string[];
  /** The folder the save dialog opens in. */
  defaultDirectory: () => string;
  platform: NodeJS.Platform;
  /** Told why a download was cancelled (never its URL: one chosen by a page may carry anything). */
  onRefused?: (reason: string) => void;
  /** Told when the saved file's mode could not be narrowed to 0600. */
  onError?: (error: unknown) => void;
}

/** Installs the policy on the session: cancel every download but our own page's blob files. */
export function applyDownloadPolicy(session: Pick<Session, 'on'>, options: DownloadPolicyOptions): void {
  session.on('will-download', (event, item, contents, frame) => {
    const verdict = checkDownload(describeDownload(item, contents, frame, options.appContents()), options.trustedOrigins);
    if (!verdict.allowed) {
      event.preventDefault();
      options.onRefused?.(verdict.reason);
      return;
    }
    // Only valid inside will-download; with no save path set, Electron shows this dialog.
    item.setSaveDialogOptions(saveDialogFor(item.getFilename(), options.defaultDirectory()));
    if (options.platform !== 'win32') keepPrivateOnceSaved(item, options.onError);
  });
}

/**
 * Recovery codes unlock the vault and a backup holds every value (encrypted), so each saved file
 * gets 0600 like every other vault file. Chromium
 * writes it with the umask's mode (usually 0644) and gives no way to choose, so the mode is narrowed
 * as soon as the download completes. Windows has no POSIX modes; the file inherits the folder's ACL.
 */
function keepPrivateOnceSaved(item: Pick<DownloadItem, 'once' | 'getSavePath'>, onError?: (error: unknown) => void): void {
  item.once('done', (_event, state) => {
    if (state !== 'completed') return;
    const path = item.getSavePath();
    if (!path) return;
    chmod(path, 0o600).catch((error: unknown) => onError?.(error));
  });
}

/** Reads what checkDownload needs from the will-download event. */
export function describeDownload(
  item: Pick<DownloadItem, 'getURL' | 'getInitiatorOrigin'>,
  contents: Pick<WebContents, 'id'>,
  frame: WebFrameMain | null,
  appContents: WebContents | null,
): DownloadFacts {
  const app = appContents !== null && !appContents.isDestroyed() ? appContents : null;
  return {
    url: item.getURL(),
    initiatorOrigin: item.getInitiatorOrigin(),
    fromAppWindow: app !== null && contents.id === app.id,
    frame: app === null ? 'gone' : describeFrame(frame, app),
  };
}

function describeFrame(frame: WebFrameMain | null, app: WebContents): DownloadFacts['frame'] {
  try {
    if (frame === null || frame.isDestroyed()) return 'gone';
    return isMainFrameOf(frame, app) ? 'main' : 'subframe';
  } catch {
    // Reading a frame that was disposed mid-event throws.
    return 'gone';
  }
}
