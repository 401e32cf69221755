import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../core/api/dispatcher';
import { windowOperationNames } from '../core/api/operations';
import type { Result } from '../core/api/results';
import { describeSender, registerIpcTransport } from './ipc-transport';
import { APP_ORIGIN } from './renderer-origin';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>;

interface FrameShape {
  url: string;
  origin: string;
  processId: number;
  routingId: number;
  parent: FrameShape | null;
  destroyed?: boolean;
}

const frame = (shape: FrameShape) => ({ ...shape, isDestroyed: () => shape.destroyed ?? false }) as unknown as WebFrameMain;

const mainFrameShape: FrameShape = { url: 'app://keystash/index.html', origin: APP_ORIGIN, processId: 4, routingId: 1, parent: null };
const appContents = { id: 7, isDestroyed: () => false, mainFrame: frame(mainFrameShape) } as unknown as WebContents;

const event = (senderId: number, senderFrame: WebFrameMain | null) =>
  ({ sender: { id: senderId }, senderFrame }) as unknown as IpcMainInvokeEvent;

function setUp() {
  const handlers = new Map<string, Handler>();
  const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 'ran' }));
  const refused = vi.fn();
  const stop = registerIpcTransport({
    ipcMain: {
      handle: (channel, handler) => void handlers.set(channel, handler as Handler),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    appContents: () => appContents,
    trustedOrigins: [APP_ORIGIN],
    dispatch,
    onRefused: refused,
  });
  return { handlers, dispatch, refused, stop };
}

describe('registerIpcTransport', () => {
  it('registers one channel per window operation, and none for readSecret', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual(windowOperationNames.map((name) => `keystash:${name}`).sort());
    expect(handlers.has('keystash:readSecret')).toBe(false);
  });

  it('passes a call from the app main frame to the dispatcher unchanged', async () => {
    const { handlers, dispatch } = setUp();
    const args = { query: 'aws' };
    await expect(handlers.get('keystash:listKeys')?.(event(7, frame(mainFrameShape)), args)).resolves.toEqual({ ok: true, value: 'ran' });
    expect(dispatch).toHaveBeenCalledWith('listKeys', args);
  });

  it.each([
    ['a subframe at our origin', event(7, frame({ ...mainFrameShape, routingId: 2, parent: mainFrameShape }))],
    ['a frame with the main frame ids but a parent', event(7, frame({ ...mainFrameShape, parent: mainFrameShape }))],
    ['another origin in the main frame', event(7, frame({ ...mainFrameShape, url: 'https://evil.example/', origin: 'https://evil.example' }))],
    ['a file:// page', event(7, frame({ ...mainFrameShape, url: 'file:///tmp/index.html', origin: 'file://' }))],
    ['a frame that is gone', event(7, null)],
    ['a destroyed frame', event(7, frame({ ...mainFrameShape, destroyed: true }))],
    ['another webContents (popup, webview, DevTools)', event(8, frame(mainFrameShape))],
  ])('refuses %s with FORBIDDEN and never dispatches', async (_label, call) => {
    const { handlers, dispatch, refused } = setUp();
    for (const name of windowOperationNames) {
      await expect(handlers.get(`keystash:${name}`)?.(call, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledTimes(windowOperationNames.length);
  });

  it('removes every handler when stopped', () => {
    const { handlers, stop } = setUp();
    stop();
    expect(handlers.size).toBe(0);
  });
});

describe('describeSender', () => {
  it('treats a frame that throws when read as gone', () => {
    const throwing = {
      sender: { id: 7 },
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as IpcMainInvokeEvent;
    expect(describeSender(throwing, appContents)).toEqual({ fromAppWindow: true, frame: null });
  });

  it('trusts nothing once the window is gone', () => {
    expect(describeSender(event(7, frame(mainFrameShape)), null)).toEqual({ fromAppWindow: false, frame: null });
  });
});
