import type { KeystashApi } from '../core/api/bridge';

declare global {
  interface Window {
    /** Built by the Electron preload or the browser host; the renderer's only way to the vault. */
    readonly keystash: KeystashApi;
  }
}

export {};
