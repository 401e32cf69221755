import type { App, Session, WebContents } from 'electron';

/**
 * Nothing leaves the page and nothing new is opened from it (Electron security checklist items 12,
 * 13 and 14). Keystash is one window showing one local bundle, so there is no navigation to allow:
 * a link, a `location =` or a form post from an injected script is refused, not filtered.
 * Programmatic loads from main (loadURL) and in-page hash changes do not fire these events.
 */
export function guardWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Subframes too; the CSP already refuses frames (default-src 'none'), this refuses their navigation.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // webviewTag is off in window.ts; this also refuses one should a future window turn it on.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Guards every webContents the app ever creates, not just the ones main knows about. */
export function guardAllWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

/** A download would write page-chosen bytes to disk; the app never needs one from the page. */
export function refuseDownloads(session: Pick<Session, 'on'>): void {
  session.on('will-download', (event) => event.preventDefault());
}
