import { isAbsolute, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor } from './content-types';
import { resolveRendererFile } from './renderer-file-resolver';

const root = '/opt/Keystash/resources/app.asar/out/renderer';

describe('resolveRendererFile', () => {
  it('maps app://keystash/ and /index.html to the entry page', () => {
    expect(resolveRendererFile(root, 'app://keystash/')).toEqual({ ok: true, filePath: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveRendererFile(root, 'app://keystash/index.html')).toMatchObject({ ok: true, filePath: join(root, 'index.html') });
  });

  it('maps assets, ignoring query and fragment', () => {
    expect(resolveRendererFile(root, 'app://keystash/assets/index-abc123.js?v=1#x')).toEqual({
      ok: true,
      filePath: join(root, 'assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile(root, 'app://keystash/assets/a%20b.css')).toMatchObject({ ok: true, filePath: join(root, 'assets', 'a b.css') });
  });

  it.each([
    'app://keystash/../../etc/passwd',
    'app://keystash/%2e%2e/%2e%2e/etc/passwd',
    'app://keystash/%2E%2E/%2E%2E/etc/passwd',
    'app://keystash/..%2f..%2fetc%2fpasswd',
    'app://keystash/..%2F..%2Fetc%2Fpasswd',
    'app://keystash/assets/..%5c..%5c..%5cetc%5cpasswd',
    'app://keystash/%2fetc%2fpasswd',
    'app://keystash/%252e%252e/%252e%252e/etc/passwd',
    'app://keystash/C:%5cWindows%5cwin.ini',
    'app://keystash/index.html%00.png',
    'app://keystash/%E0%A4%A',
    'app://keystash//etc/passwd',
  ])('never leaves the renderer folder: %s', (url) => {
    const resolved = resolveRendererFile(root, url);
    const escapes = resolved.ok && (relative(root, resolved.filePath).startsWith('..') || isAbsolute(relative(root, resolved.filePath)));
    expect(escapes).toBe(false);
  });

  it('refuses encoded separators and parents outright (400)', () => {
    expect(resolveRendererFile(root, 'app://keystash/..%2f..%2fetc%2fpasswd')).toEqual({ ok: false, status: 400 });
    expect(resolveRendererFile(root, 'app://keystash/assets/..%5c..%5cwin.ini')).toEqual({ ok: false, status: 400 });
    expect(resolveRendererFile(root, 'app://keystash/%2fetc%2fpasswd')).toEqual({ ok: false, status: 400 });
    expect(resolveRendererFile(root, 'app://keystash/index.html%00.png')).toEqual({ ok: false, status: 400 });
    expect(resolveRendererFile(root, 'app://keystash/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });

  it('resolves dot segments the URL parser removed to a path inside the root, never above it', () => {
    // WHATWG parsing turns app://keystash/../../etc/passwd into app://keystash/etc/passwd.
    const resolved = resolveRendererFile(root, 'app://keystash/../../etc/passwd');
    expect(resolved).toEqual({ ok: false, status: 404 });
  });

  it('serves only app://keystash', () => {
    expect(resolveRendererFile(root, 'app://other/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveRendererFile(root, 'file:///opt/Keystash/out/renderer/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveRendererFile(root, 'not a url')).toEqual({ ok: false, status: 400 });
  });

  it('answers GET and HEAD only', () => {
    expect(resolveRendererFile(root, 'app://keystash/index.html', 'HEAD')).toMatchObject({ ok: true });
    expect(resolveRendererFile(root, 'app://keystash/index.html', 'POST')).toEqual({ ok: false, status: 405 });
  });

  it('does not serve file types a renderer build does not emit', () => {
    expect(resolveRendererFile(root, 'app://keystash/assets/index.js.map')).toEqual({ ok: false, status: 404 });
    expect(resolveRendererFile(root, 'app://keystash/secret')).toEqual({ ok: false, status: 404 });
    expect(resolveRendererFile(root, 'app://keystash/assets/')).toEqual({ ok: false, status: 400 });
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });

  it('knows nothing of other types, including inherited object keys', () => {
    expect(contentTypeFor('a.map')).toBeNull();
    expect(contentTypeFor('a.exe')).toBeNull();
    expect(contentTypeFor('noext')).toBeNull();
    expect(contentTypeFor('x.constructor')).toBeNull();
  });
});
