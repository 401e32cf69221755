import { describe, expect, it } from 'vitest';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { createNativeFileChooser, type NativeFileChooserDeps } from './native-file-chooser';

/** A fake of Electron's `dialog`: records what it was asked and answers as a user would have. */
function fakeDialog(answer: { canceled: boolean; path?: string }) {
  const asked: { kind: 'open' | 'save'; parent: unknown; options: OpenDialogOptions | SaveDialogOptions }[] = [];
  const dialog = {
    showOpenDialog: (parent: BrowserWindow, options: OpenDialogOptions) => {
      asked.push({ kind: 'open', parent, options });
      return Promise.resolve({ canceled: answer.canceled, filePaths: answer.path ? [answer.path] : [] });
    },
    showSaveDialog: (parent: BrowserWindow, options: SaveDialogOptions) => {
      asked.push({ kind: 'save', parent, options });
      return Promise.resolve({ canceled: answer.canceled, ...(answer.path ? { filePath: answer.path } : { filePath: '' }) });
    },
  } as unknown as NativeFileChooserDeps['dialog'];
  return { dialog, asked };
}

const window = { id: 1 } as unknown as BrowserWindow;

describe('native file chooser', () => {
  it('never takes a path from the window', () => {
    const { dialog } = fakeDialog({ canceled: true });
    expect(createNativeFileChooser({ dialog, parent: () => window, defaultFolder: () => '/home/u' }).typedPaths).toBe(false);
  });

  it('opens a file with the dialog attached to the main window and answers its path', async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, path: '/home/u/app/.env' });
    const chooser = createNativeFileChooser({ dialog, parent: () => window, defaultFolder: () => '/home/u' });
    expect(await chooser.chooseFileToOpen({ title: 'Import a .env file' })).toBe('/home/u/app/.env');
    expect(asked[0]).toMatchObject({ kind: 'open', parent: window, options: { title: 'Import a .env file', defaultPath: '/home/u' } });
    expect((asked[0]!.options as OpenDialogOptions).properties).toContain('showHiddenFiles');
  });

  it('answers null when the user cancels any dialog', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    const chooser = createNativeFileChooser({ dialog, parent: () => null, defaultFolder: () => '/home/u' });
    expect(await chooser.chooseFileToOpen({ title: 't' })).toBeNull();
    expect(await chooser.chooseFolder({ title: 't' })).toBeNull();
    expect(await chooser.chooseFileToSave({ title: 't', defaultName: 'keystash.env' })).toBeNull();
  });

  it('asks to confirm overwriting in the save dialog, starting from the suggested name', async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, path: '/home/u/out.env' });
    const chooser = createNativeFileChooser({ dialog, parent: () => window, defaultFolder: () => '/home/u' });
    expect(await chooser.chooseFileToSave({ title: 'Export keys', defaultName: 'keystash.env' })).toBe('/home/u/out.env');
    expect(asked[0]!.options).toMatchObject({ defaultPath: '/home/u/keystash.env' });
    expect((asked[0]!.options as SaveDialogOptions).properties).toContain('showOverwriteConfirmation');
  });

  it('picks folders only in the folder dialog', async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, path: '/home/u/project' });
    const chooser = createNativeFileChooser({ dialog, parent: () => window, defaultFolder: () => '/home/u' });
    expect(await chooser.chooseFolder({ title: 'Scan' })).toBe('/home/u/project');
    expect((asked[0]!.options as OpenDialogOptions).properties).toContain('openDirectory');
    expect((asked[0]!.options as OpenDialogOptions).properties).not.toContain('openFile');
  });
});
