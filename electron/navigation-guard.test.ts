import { EventEmitter } from 'node:events';
import type { App, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardAllWebContents, guardWebContents } from './navigation-guard';

type OpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: OpenHandler) => (openHandler = handler),
  }) as unknown as WebContents;
  const attempt = (event: string, ...args: unknown[]) => {
    const preventDefault = vi.fn();
    emitter.emit(event, { preventDefault }, ...args);
    return preventDefault;
  };
  return { contents, attempt, openHandler: () => openHandler };
}

describe('guardWebContents', () => {
  it('refuses every navigation, new window and webview', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents);
    expect(fake.attempt('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fake.attempt('will-navigate', 'app://keystash/index.html')).toHaveBeenCalled();
    expect(fake.attempt('will-frame-navigate')).toHaveBeenCalled();
    expect(fake.attempt('will-attach-webview', {}, { src: 'https://evil.example/' })).toHaveBeenCalled();
    const open = fake.openHandler();
    expect(open?.({ url: 'https://evil.example/' } as Parameters<OpenHandler>[0])).toEqual({ action: 'deny' });
  });

  it('is applied to every webContents the app creates', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as unknown as App);
    const fake = fakeContents();
    app.emit('web-contents-created', {}, fake.contents);
    expect(fake.attempt('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fake.openHandler()).not.toBeNull();
  });

  it('tells a listener about each window-open request, which stays denied', () => {
    const listener = vi.fn();
    const app = new EventEmitter();
    guardAllWebContents(app as unknown as App, listener);
    const fake = fakeContents();
    app.emit('web-contents-created', {}, fake.contents);
    const details = { url: 'https://console.example/keys' } as Parameters<OpenHandler>[0];
    expect(fake.openHandler()?.(details)).toEqual({ action: 'deny' });
    expect(listener).toHaveBeenCalledWith(details, fake.contents);
  });
});
