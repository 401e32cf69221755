import type { IpcRendererEvent } from 'electron';
import type { BridgeTransport } from '../core/api/bridge';
import { VAULT_EVENTS, windowOperationNames, type VaultEventName, type WindowOperationName } from '../core/api/operations';
import type { Result } from '../core/api/results';
import { eventChannel, operationChannel } from './ipc-channels';

type IpcListener = (event: IpcRendererEvent, ...args: unknown[]) => void;

/** The part of ipcRenderer the preload uses; a plain object in tests. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * The preload's BridgeTransport over ipcRenderer. createKeystashApi (core/api/bridge.ts) turns it
 * into window.keystash, so the page sees named functions only: never ipcRenderer, a channel name or
 * the IPC event object (whose `sender` is ipcRenderer itself).
 */
export function createIpcBridgeTransport(ipc: IpcRendererPort): BridgeTransport {
  return {
    async invoke(operation: WindowOperationName, args: unknown): Promise<Result<unknown>> {
      if (!windowOperationNames.includes(operation)) return failure('INVALID_ARGUMENT', 'Unknown operation.');
      try {
        const reply = await ipc.invoke(operationChannel(operation), args);
        return isResult(reply) ? reply : failure('INTERNAL', 'Keystash sent an answer the window could not read.');
      } catch {
        // Main's handlers never throw; this is IPC itself failing, e.g. while the app quits.
        return failure('INTERNAL', 'Keystash did not answer. Try again; restart the app if it repeats.');
      }
    },
    subscribe(event: VaultEventName, callback: (data?: unknown) => void): () => void {
      if (!VAULT_EVENTS.includes(event)) throw new TypeError('Unknown event.');
      const channel = eventChannel(event);
      // The IPC event object (whose sender is ipcRenderer) never reaches the page: only the payload.
      const listener: IpcListener = (_event, data) => callback(data);
      ipc.on(channel, listener);
      return () => {
        ipc.removeListener(channel, listener);
      };
    },
  };
}

const failure = (code: 'INVALID_ARGUMENT' | 'INTERNAL', message: string): Result<never> => ({ ok: false, error: { code, message } });

/** The envelope's shape, checked rather than assumed: the renderer relies on it. */
function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}
