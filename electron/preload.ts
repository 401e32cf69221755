import { contextBridge, ipcRenderer } from 'electron';
import { createKeystashApi } from '../core/api/bridge';
import { createIpcBridgeTransport } from './ipc-bridge-transport';

// Sandboxed preload: it may require only 'electron' (and a few built-ins), so everything else here,
// core/api and zod included, is bundled into out/preload/index.cjs by electron-vite.
// window.keystash is the page's only way to the vault. It is built by the same factory the browser
// host uses, so the renderer cannot tell which transport it runs on.
contextBridge.exposeInMainWorld('keystash', createKeystashApi(createIpcBridgeTransport(ipcRenderer)));
