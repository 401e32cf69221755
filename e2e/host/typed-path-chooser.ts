import type { FileChooser } from '../../core/fs/file-chooser';

/**
 * The browser host's stand-in for native file dialogs: there are none in a browser, so the window
 * asks for a typed path and sends it (and a .env file's text from a file input). Acceptable only
 * here, a test and development host on loopback whose every request carries the per-run token; the
 * app's chooser (electron/native-file-chooser.ts) never takes a path from the window.
 */
export const typedPathChooser: FileChooser = {
  typedPaths: true,
  chooseFileToOpen: () => Promise.reject(new Error('the browser host takes typed paths')),
  chooseFileToSave: () => Promise.reject(new Error('the browser host takes typed paths')),
  chooseFolder: () => Promise.reject(new Error('the browser host takes typed paths')),
};
