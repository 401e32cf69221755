import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, trustedRendererOrigins } from './renderer-origin';
import { checkSender, type SenderFacts } from './sender-check';

const appTrusted = trustedRendererOrigins({}, true);
const mainFrameAt = (url: string, origin: string): SenderFacts => ({
  fromAppWindow: true,
  frame: { url, origin, isMainFrame: true },
});

describe('checkSender', () => {
  it('accepts the app window main frame at app://keystash', () => {
    expect(checkSender(mainFrameAt('app://keystash/index.html', APP_ORIGIN), appTrusted)).toEqual({ trusted: true });
    expect(checkSender(mainFrameAt('app://keystash/', APP_ORIGIN), appTrusted)).toEqual({ trusted: true });
  });

  it('refuses a subframe, even at our origin', () => {
    const facts: SenderFacts = { fromAppWindow: true, frame: { url: 'app://keystash/index.html', origin: APP_ORIGIN, isMainFrame: false } };
    expect(checkSender(facts, appTrusted)).toMatchObject({ trusted: false, reason: expect.stringContaining('subframe') });
  });

  it('refuses another origin', () => {
    expect(checkSender(mainFrameAt('https://evil.example/x', 'https://evil.example'), appTrusted).trusted).toBe(false);
    expect(checkSender(mainFrameAt('app://other/index.html', 'app://other'), appTrusted).trusted).toBe(false);
    expect(checkSender(mainFrameAt('app://keystash.evil/index.html', 'app://keystash.evil'), appTrusted).trusted).toBe(false);
  });

  it('refuses file://', () => {
    expect(checkSender(mainFrameAt('file:///opt/Keystash/out/renderer/index.html', 'file://'), appTrusted).trusted).toBe(false);
    expect(checkSender(mainFrameAt('file:///opt/Keystash/out/renderer/index.html', 'null'), appTrusted).trusted).toBe(false);
  });

  it('refuses a null frame (navigated away or destroyed)', () => {
    expect(checkSender({ fromAppWindow: true, frame: null }, appTrusted)).toMatchObject({ trusted: false });
  });

  it('refuses a sender that is not the app window (popup, webview, DevTools)', () => {
    const facts: SenderFacts = { fromAppWindow: false, frame: { url: 'app://keystash/index.html', origin: APP_ORIGIN, isMainFrame: true } };
    expect(checkSender(facts, appTrusted).trusted).toBe(false);
  });

  it('refuses an opaque or inherited origin whose URL is not ours', () => {
    expect(checkSender(mainFrameAt('about:blank', APP_ORIGIN), appTrusted).trusted).toBe(false);
    expect(checkSender(mainFrameAt('about:srcdoc', APP_ORIGIN), appTrusted).trusted).toBe(false);
    expect(checkSender(mainFrameAt('', APP_ORIGIN), appTrusted).trusted).toBe(false);
    expect(checkSender(mainFrameAt('app://keystash/index.html', 'null'), appTrusted).trusted).toBe(false);
  });

  it('accepts the dev server origin only when unpackaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    const devFrame = mainFrameAt('http://localhost:5173/', 'http://localhost:5173');
    expect(checkSender(devFrame, trustedRendererOrigins(env, false))).toEqual({ trusted: true });
    expect(checkSender(devFrame, trustedRendererOrigins(env, true)).trusted).toBe(false);
  });

  it('refuses a dev server origin that is not the one configured', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(checkSender(mainFrameAt('http://localhost:5174/', 'http://localhost:5174'), trustedRendererOrigins(env, false)).trusted).toBe(false);
  });
});
