import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { VaultError } from '../core/errors';
import { checkConsoleLink, createConsoleLinkOpener, openConsoleLink, type ConsoleLinkOptions } from './console-links';

const STRIPE = 'https://dashboard.stripe.com/apikeys?account=acct_123';
const keyUrls = [STRIPE, 'http://internal.example/keys', null, 'https://github.com/settings/tokens'];

describe('checkConsoleLink', () => {
  it("opens an https: URL that is exactly one key's Console URL", () => {
    expect(checkConsoleLink(STRIPE, keyUrls)).toEqual({ open: true, url: STRIPE });
    expect(checkConsoleLink('https://github.com/settings/tokens', keyUrls)).toEqual({
      open: true,
      url: 'https://github.com/settings/tokens',
    });
  });

  it('compares and opens the normalised URL', () => {
    // What the renderer's <a href> resolves to is the parsed href; a stored URL may be written otherwise.
    expect(checkConsoleLink('https://github.com/settings/tokens', ['HTTPS://GitHub.com:443/settings/tokens'])).toEqual({
      open: true,
      url: 'https://github.com/settings/tokens',
    });
    expect(checkConsoleLink('https://example.com', ['https://example.com/'])).toEqual({ open: true, url: 'https://example.com/' });
  });

  it('refuses http:, even when a key stores it', () => {
    expect(checkConsoleLink('http://internal.example/keys', keyUrls)).toEqual({ open: false, reason: 'only https: links are opened' });
  });

  it('refuses other schemes, credentials and garbage', () => {
    const stored = ['file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/', 'ms-settings:', 'app://keystash/index.html'];
    for (const url of [...stored, 'not a url', '', 'https://:pw@example.com/']) {
      expect(checkConsoleLink(url, [...stored, 'https://:pw@example.com/']).open, url).toBe(false);
    }
  });

  it('refuses https: URLs that are not a key\u2019s Console URL, however close', () => {
    for (const url of [
      'https://evil.example/',
      'https://dashboard.stripe.com/apikeys',
      'https://dashboard.stripe.com/apikeys?account=acct_124',
      'https://dashboard.stripe.com/apikeys?account=acct_123#x',
      'https://dashboard.stripe.com.evil.example/apikeys?account=acct_123',
      'https://github.com/settings/tokens/',
    ]) {
      expect(checkConsoleLink(url, keyUrls), url).toEqual({ open: false, reason: 'it is not the Console URL of any key' });
    }
    expect(checkConsoleLink(STRIPE, []).open).toBe(false);
  });
});

function setup(overrides: Partial<ConsoleLinkOptions> = {}) {
  const app = { id: 7, isDestroyed: () => false } as unknown as WebContents;
  const refused: string[] = [];
  const errors: unknown[] = [];
  const openExternal = vi.fn(async (_url: string) => undefined);
  const all = vi.fn(async () => keyUrls.map((url) => ({ url })));
  const requireUnlocked = vi.fn(async () => undefined);
  const options: ConsoleLinkOptions = {
    appContents: () => app,
    vault: { requireUnlocked, keys: { all } } as unknown as ConsoleLinkOptions['vault'],
    openExternal,
    onRefused: (reason) => refused.push(reason),
    onError: (error) => errors.push(error),
    ...overrides,
  };
  return { app, options, openExternal, all, requireUnlocked, refused, errors };
}

describe('openConsoleLink', () => {
  it("hands a key's https: Console URL to the browser", async () => {
    const t = setup();
    expect(await openConsoleLink({ url: STRIPE }, t.app, t.options)).toBe(true);
    expect(t.openExternal).toHaveBeenCalledWith(STRIPE);
    expect(t.requireUnlocked).toHaveBeenCalled();
    expect(t.refused).toEqual([]);
  });

  it('refuses while the vault is locked, without reading the index', async () => {
    const t = setup();
    t.requireUnlocked.mockRejectedValueOnce(new VaultError('LOCKED', 'Keystash is locked.'));
    expect(await openConsoleLink({ url: STRIPE }, t.app, t.options)).toBe(false);
    expect(t.all).not.toHaveBeenCalled();
    expect(t.openExternal).not.toHaveBeenCalled();
    expect(t.refused).toEqual(['Keystash is locked']);
  });

  it('refuses requests from another webContents, or once the window is gone', async () => {
    const t = setup();
    const other = { id: 8 } as WebContents;
    expect(await openConsoleLink({ url: STRIPE }, other, t.options)).toBe(false);
    const gone = setup({ appContents: () => null });
    expect(await openConsoleLink({ url: STRIPE }, t.app, gone.options)).toBe(false);
    expect(t.openExternal).not.toHaveBeenCalled();
    expect(gone.openExternal).not.toHaveBeenCalled();
    expect(t.requireUnlocked).not.toHaveBeenCalled();
  });

  it('refuses a form submission', async () => {
    const t = setup();
    const postBody = { data: [], contentType: 'application/x-www-form-urlencoded' };
    expect(await openConsoleLink({ url: STRIPE, postBody }, t.app, t.options)).toBe(false);
    expect(t.openExternal).not.toHaveBeenCalled();
  });

  it('never puts the URL, or its query string, in what it reports', async () => {
    const t = setup({ openExternal: async (url) => Promise.reject(new Error(`xdg-open failed for ${url}`)) });
    await openConsoleLink({ url: 'https://evil.example/?token=sk_live_abc' }, t.app, t.options);
    await openConsoleLink({ url: STRIPE }, t.app, t.options);
    const reported = [...t.refused, ...t.errors.map((error) => (error instanceof Error ? error.message : String(error)))].join('\n');
    expect(t.errors).toHaveLength(1);
    expect(reported).not.toContain('sk_live_abc');
    expect(reported).not.toContain('acct_123');
    expect(reported).not.toContain('evil.example');
  });

  it('reports a vault that cannot be read as an error, and opens nothing', async () => {
    const t = setup();
    t.all.mockRejectedValueOnce(new VaultError('KEYCHAIN_UNAVAILABLE', 'The keychain is not available.'));
    expect(await openConsoleLink({ url: STRIPE }, t.app, t.options)).toBe(false);
    expect(t.errors).toHaveLength(1);
    expect(t.openExternal).not.toHaveBeenCalled();
  });
});

describe('createConsoleLinkOpener', () => {
  it('returns at once and opens in the background', async () => {
    const t = setup();
    const listener = createConsoleLinkOpener(t.options);
    expect(listener({ url: STRIPE }, t.app)).toBeUndefined();
    await vi.waitFor(() => expect(t.openExternal).toHaveBeenCalledWith(STRIPE));
  });
});
