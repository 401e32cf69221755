import type { App, HandlerDetails, WebContents } from 'electron';

/**
 * Told about each window.open or target=_blank request, after it is already refused. It may act on
 * it elsewhere (console-links.ts opens a key's Console URL in the browser) but cannot allow it.
 */
export type WindowOpenListener = (details: HandlerDetails, contents: WebContents) => void;

/**
 * Nothing leaves the page and nothing new is opened from it (Electron security checklist items 12,
 * 13 and 14). Keystash is one window showing one local bundle, so there is no navigation to allow:
 * a link, a `location =` or a form post from an injected script is refused, not filtered. (A key's
 * Console URL still reaches the user's browser: the refused request is handed to console-links.ts.)
 * Programmatic loads from main (loadURL) and in-page hash changes do not fire these events.
 */
export function guardWebContents(contents: WebContents, onWindowOpen?: WindowOpenListener): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Subframes too; the CSP already refuses frames (default-src 'none'), this refuses their navigation.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => {
    onWindowOpen?.(details, contents);
    return { action: 'deny' };
  });
  // webviewTag is off in window.ts; this also refuses one should a future window turn it on.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Guards every webContents the app ever creates, not just the ones main knows about. */
export function guardAllWebContents(app: Pick<App, 'on'>, onWindowOpen?: WindowOpenListener): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, onWindowOpen));
}

