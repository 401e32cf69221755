import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, devRendererUrl, originOf, rendererEntryUrl, trustedRendererOrigins } from './renderer-origin';

describe('originOf', () => {
  it('serializes a custom standard scheme the way Chromium does', () => {
    expect(originOf('app://keystash/index.html')).toBe('app://keystash');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
  });

  it('has no origin for URLs without a host, or with credentials', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('http://user:pw@localhost:5173/')).toBeNull();
  });
});

describe('the renderer entry', () => {
  it('is app://keystash when packaged, whatever the environment says', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererEntryUrl(env, true)).toBe(APP_ENTRY_URL);
    expect(trustedRendererOrigins(env, true)).toEqual([APP_ORIGIN]);
  });

  it('is the dev server when unpackaged and the URL is loopback http(s)', () => {
    expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173/');
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://[::1]:5173/' }, false)).toBe('http://[::1]:5173/');
  });

  it('ignores a dev URL that is not loopback http(s)', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'javascript:alert(1)', 'http://localhost.evil.example/', 'garbage']) {
      expect(devRendererUrl({ ELECTRON_RENDERER_URL: url }, false)).toBeNull();
      expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: url }, false)).toBe(APP_ENTRY_URL);
    }
  });
});
