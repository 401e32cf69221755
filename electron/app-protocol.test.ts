import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomScheme } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, registerAppScheme, serveRenderer } from './app-protocol';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './content-security-policy';

let base: string;
let root: string;
let handler: (request: Request) => Response | Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'keystash-protocol-'));
  root = join(base, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keystash</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'outside.txt'), 'not for the page');
  serveRenderer(
    {
      handle: (scheme, registered) => {
        expect(scheme).toBe('app');
        handler = registered;
      },
    },
    root,
  );
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => Promise.resolve(handler(new Request(url, { method })));

describe('the app:// handler', () => {
  it('serves the entry page with the CSP and nosniff headers', async () => {
    const response = await get('app://keystash/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Keystash</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await get('app://keystash/assets/index-abc.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://keystash/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses traversal out of the renderer folder, still with the CSP', async () => {
    for (const url of ['app://keystash/..%2foutside.txt', 'app://keystash/..%2f..%2foutside.txt', 'app://keystash/%2e%2e/%2e%2e/outside.txt']) {
      const response = await get(url);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('not for the page');
    }
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await get('app://keystash/missing.js')).status).toBe(404);
    expect((await get('app://keystash/index.html', 'POST')).status).toBe(405);
  });
});

describe('the app:// scheme registration', () => {
  it('is standard and secure, and never bypasses the CSP', () => {
    let registered: CustomScheme[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => (registered = schemes) });
    expect(registered).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeUndefined();
  });
});

describe('the CSP', () => {
  it('is at least as strict as issue 5 asks, with no unsafe sources', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*/);
  });
});

describe('the CSP for <meta>', () => {
  it('is the header policy without the directives a meta tag cannot carry', () => {
    expect(META_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/frame-ancestors|report-uri|sandbox|unsafe|\*/);
  });
});
