import {
  eventPayload,
  windowOperationNames,
  type ImportProgress,
  type ArgsOf,
  type ResultOf,
  type VaultEventName,
  type WindowOperationName,
} from './operations';
import type { Result } from './results';

/**
 * The shape of `window.keystash`: one named function per window operation, plus event
 * subscriptions. Built by the same factory in the Electron preload and in the browser host, so the
 * renderer cannot tell which transport carries it.
 */
export type KeystashApi = {
  [N in WindowOperationName]: (args?: ArgsOf<N>) => Promise<Result<ResultOf<N>>>;
} & {
  onLocked(callback: () => void): () => void;
  onClipboardCleared(callback: () => void): () => void;
  onVaultChanged(callback: () => void): () => void;
  /** While a staged import runs: how many of its values are written. */
  onImportProgress(callback: (progress: ImportProgress) => void): () => void;
};

export interface BridgeTransport {
  invoke(operation: WindowOperationName, args: unknown): Promise<Result<unknown>>;
  /** `data` is the event's payload as the transport received it (see eventPayload). */
  subscribe(event: VaultEventName, callback: (data?: unknown) => void): () => void;
}

export function createKeystashApi(transport: BridgeTransport): KeystashApi {
  const api: Record<string, unknown> = {};
  for (const name of windowOperationNames) {
    // Each function passes plain data only; the transport never exposes channels or ipcRenderer.
    api[name] = (args?: unknown) => transport.invoke(name, args ?? {});
  }
  const subscriber = (event: VaultEventName) => (callback: () => void) => {
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    return transport.subscribe(event, () => callback());
  };
  api.onLocked = subscriber('locked');
  api.onClipboardCleared = subscriber('clipboardCleared');
  api.onVaultChanged = subscriber('vaultChanged');
  api.onImportProgress = (callback: (progress: ImportProgress) => void) => {
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    return transport.subscribe('importProgress', (data) => {
      const progress = eventPayload('importProgress', data);
      if ('done' in progress) callback(progress as ImportProgress);
    });
  };
  return Object.freeze(api) as KeystashApi;
}
