import type { HandlerDetails, WebContents } from 'electron';
import { isVaultError } from '../core/errors';
import type { Vault } from '../core/vault';

/**
 * A key's Console URL (the provider's page for that key) is shown in the detail panel as a link
 * with target=_blank. The window never opens it itself (navigation-guard.ts denies every new
 * window); instead, when the request is exactly one of the vault's Console URLs, main hands it to the
 * user's browser with shell.openExternal (issue 5: only https: URLs the user clicked from a key's
 * Console URL; Electron security checklist item 15, "Do not use shell.openExternal with untrusted
 * content").
 */

export type ConsoleLinkVerdict = { open: true; url: string } | { open: false; reason: string };

/**
 * The decision, on plain values. `keyUrls` are the `url` fields of the vault's keys. The URL that is
 * opened is the parsed (normalised) one, so what the browser gets is what was compared.
 */
export function checkConsoleLink(url: string, keyUrls: readonly (string | null)[]): ConsoleLinkVerdict {
  const link = parse(url);
  if (link === null) return refuse('it is not a URL');
  // https: only. Opened over plain http, a provider's console would carry the user's session cookie
  // and the page itself (often showing the key) across the network in clear. The renderer may still
  // display an http: Console URL; it is not opened from here.
  if (link.protocol !== 'https:') return refuse('only https: links are opened');
  // user:pass@ lets a link read as one host while going to another, and would hand the browser a
  // password from a page.
  if (link.username || link.password) return refuse('it carries credentials');
  if (!keyUrls.some((keyUrl) => keyUrl !== null && parse(keyUrl)?.href === link.href)) {
    return refuse('it is not the Console URL of any key');
  }
  return { open: true, url: link.href };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const refuse = (reason: string): ConsoleLinkVerdict => ({ open: false, reason });

export interface ConsoleLinkOptions {
  /** The app window's webContents; requests from any other webContents are ignored. */
  appContents: () => WebContents | null;
  vault: Pick<Vault, 'requireUnlocked'> & { keys: Pick<Vault['keys'], 'all'> };
  openExternal: (url: string) => Promise<void>;
  /**
   * Told why a request was not opened. Reasons never contain the URL: a Console URL's query string
   * can hold a token, and logs end up in bug reports.
   */
  onRefused?: (reason: string) => void;
  /** Told when the vault could not be read or the browser could not be started (message only). */
  onError?: (error: unknown) => void;
}

/**
 * A WindowOpenListener for guardAllWebContents. The request itself is already denied; this only
 * decides, asynchronously, whether to hand the URL to the user's browser. Electron does not tell the
 * handler whether a click made the request, so what stands for "the user clicked a key's Console
 * URL" is: our window asked, the vault is unlocked, and the URL is exactly a stored Console URL. The
 * CSP leaves no injected script to ask instead.
 */
export function createConsoleLinkOpener(options: ConsoleLinkOptions) {
  return (details: Pick<HandlerDetails, 'url' | 'postBody'>, contents: Pick<WebContents, 'id'>): void => {
    void openConsoleLink(details, contents, options);
  };
}

export async function openConsoleLink(
  details: Pick<HandlerDetails, 'url' | 'postBody'>,
  contents: Pick<WebContents, 'id'>,
  options: ConsoleLinkOptions,
): Promise<boolean> {
  const refused = (reason: string) => {
    options.onRefused?.(reason);
    return false;
  };
  const app = options.appContents();
  if (app === null || app.isDestroyed() || contents.id !== app.id) return refused('it did not come from the Keystash window');
  // A form with target=_blank; the CSP (form-action 'none') already stops one being sent.
  if (details.postBody !== undefined) return refused('it is a form submission');

  let keyUrls: (string | null)[];
  try {
    // Listing keys is refused while locked, and so is opening one of their URLs.
    await options.vault.requireUnlocked();
    keyUrls = (await options.vault.keys.all()).map((key) => key.url);
  } catch (error) {
    if (isVaultError(error) && error.code === 'LOCKED') return refused('Keystash is locked');
    options.onError?.(error);
    return false;
  }

  const verdict = checkConsoleLink(details.url, keyUrls);
  if (!verdict.open) return refused(verdict.reason);
  try {
    await options.openExternal(verdict.url); // eng-disable OPEN_EXTERNAL_JS_CHECK: verdict.url passed checkConsoleLink (https only, no credentials, exactly a stored Console URL)
    return true;
  } catch (error) {
    options.onError?.(withoutUrl(error, verdict.url));
    return false;
  }
}

/** The error's message with the URL cut down to its origin, should the platform have quoted it. */
function withoutUrl(error: unknown, url: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`Could not open the link in the browser: ${message.replaceAll(url, `${new URL(url).origin}/…`)}`);
}
