import type { BrowserWindow, Dialog } from 'electron';
import type { FileChooser } from '../core/fs/file-chooser';

export interface NativeFileChooserDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window the dialogs belong to (sheets on macOS); null once it is closed. */
  parent: () => BrowserWindow | null;
  /** Where the dialogs open first. */
  defaultFolder: () => string;
}

/**
 * The app's FileChooser: Electron's native dialogs, shown from main. The window asks for a file but
 * never names one: `typedPaths` is false, so the contract refuses any path the window sends, and
 * only what the user picked here is read or written.
 *
 * Electron is passed in rather than imported so this can be tested without the binary.
 */
export function createNativeFileChooser(deps: NativeFileChooserDeps): FileChooser {
  const open = async (options: Electron.OpenDialogOptions): Promise<string | null> => {
    const parent = deps.parent();
    const result = parent ? await deps.dialog.showOpenDialog(parent, options) : await deps.dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    typedPaths: false,
    chooseFileToOpen: ({ title, filters }) =>
      open({ title, defaultPath: deps.defaultFolder(), properties: ['openFile', 'showHiddenFiles'], ...(filters ? { filters } : {}) }),
    chooseFolder: ({ title }) => open({ title, defaultPath: deps.defaultFolder(), properties: ['openDirectory', 'showHiddenFiles'] }),
    async chooseFileToSave({ title, defaultName }) {
      const options: Electron.SaveDialogOptions = {
        title,
        defaultPath: `${deps.defaultFolder()}/${defaultName}`,
        properties: ['showOverwriteConfirmation', 'createDirectory', 'showHiddenFiles'],
      };
      const parent = deps.parent();
      const result = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
