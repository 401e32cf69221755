import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createKeystashApi } from '../core/api/bridge';
import { windowOperationNames } from '../core/api/operations';
import { createIpcBridgeTransport, type IpcRendererPort } from './ipc-bridge-transport';

/** A stand-in for ipcRenderer: invoke records calls, on/removeListener are a plain EventEmitter. */
function fakeIpcRenderer(reply: (channel: string, args: unknown) => unknown = () => ({ ok: true, value: 'done' })) {
  const emitter = new EventEmitter();
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => reply(channel, args[0]));
  const port: IpcRendererPort = {
    invoke,
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  /** Sends like main does: Electron passes the IPC event first. */
  const send = (channel: string, ...args: unknown[]) => emitter.emit(channel, { sender: 'ipcRenderer itself' }, ...args);
  return { port, invoke, send, emitter };
}

describe('window.keystash over IPC', () => {
  it('exposes exactly the window operations and the four event subscriptions', () => {
    const api = createKeystashApi(createIpcBridgeTransport(fakeIpcRenderer().port));
    expect(Object.keys(api).sort()).toEqual([...windowOperationNames, 'onClipboardCleared', 'onImportProgress', 'onLocked', 'onVaultChanged'].sort());
    expect(api).not.toHaveProperty('readSecret');
    expect(Object.keys(api)).not.toContain('readSecret');
    for (const leaked of ['invoke', 'send', 'on', 'ipcRenderer', 'process', 'env']) expect(api).not.toHaveProperty(leaked);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes one named channel per operation, with the arguments as given', async () => {
    const ipc = fakeIpcRenderer();
    const api = createKeystashApi(createIpcBridgeTransport(ipc.port));
    await expect(api.listKeys({ query: 'stripe' })).resolves.toEqual({ ok: true, value: 'done' });
    expect(ipc.invoke).toHaveBeenCalledWith('keystash:listKeys', { query: 'stripe' });
    await api.authStatus();
    expect(ipc.invoke).toHaveBeenLastCalledWith('keystash:authStatus', {});
  });

  it('refuses an operation outside the window list without touching IPC', async () => {
    const ipc = fakeIpcRenderer();
    const transport = createIpcBridgeTransport(ipc.port);
    // @ts-expect-error readSecret is CLI-only; this is the attempt a hostile page would make.
    await expect(transport.invoke('readSecret', { key: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed or malformed IPC reply into an INTERNAL envelope, never a throw', async () => {
    const failing = createKeystashApi(
      createIpcBridgeTransport(
        fakeIpcRenderer(() => {
          throw new Error('Error invoking remote method: secret details');
        }).port,
      ),
    );
    await expect(failing.listTags()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const garbled = createKeystashApi(createIpcBridgeTransport(fakeIpcRenderer(() => ({ ok: 'yes' })).port));
    await expect(garbled.listTags()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
    const refused = createKeystashApi(createIpcBridgeTransport(fakeIpcRenderer(() => forbidden).port));
    await expect(refused.listTags()).resolves.toEqual(forbidden);
  });

  it('calls subscribers with no arguments: the IPC event never reaches the page', () => {
    const ipc = fakeIpcRenderer();
    const api = createKeystashApi(createIpcBridgeTransport(ipc.port));
    const onLocked = vi.fn();
    const onCleared = vi.fn();
    const onChanged = vi.fn();
    api.onLocked(onLocked);
    api.onClipboardCleared(onCleared);
    api.onVaultChanged(onChanged);
    ipc.send('keystash:event:locked', 'idle');
    ipc.send('keystash:event:clipboardCleared');
    ipc.send('keystash:event:vaultChanged');
    expect(onLocked).toHaveBeenCalledTimes(1);
    expect(onLocked.mock.calls[0]).toEqual([]);
    expect(onCleared.mock.calls).toEqual([[]]);
    expect(onChanged.mock.calls).toEqual([[]]);
  });

  it('unsubscribes only the listener it returned', () => {
    const ipc = fakeIpcRenderer();
    const api = createKeystashApi(createIpcBridgeTransport(ipc.port));
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onLocked(first);
    api.onLocked(second);
    stopFirst();
    stopFirst();
    ipc.send('keystash:event:locked');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(ipc.emitter.listenerCount('keystash:event:locked')).toBe(1);
  });

  it('refuses a subscriber that is not a function', () => {
    const api = createKeystashApi(createIpcBridgeTransport(fakeIpcRenderer().port));
    // @ts-expect-error a page could pass anything
    expect(() => api.onLocked('alert(1)')).toThrow(TypeError);
  });
});
