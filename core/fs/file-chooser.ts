/**
 * Where a file or folder the user picks comes from. The app asks its native dialogs (main process);
 * each method answers an absolute path, or null when the user cancelled.
 *
 * `typedPaths`: the host has no native dialog and takes a path typed in the window instead. Only
 * the browser host does that (a test and development host on loopback, behind a per-run token); in
 * Electron a path from the window is never accepted, so a compromised renderer cannot pick files.
 */
export interface FileChooser {
  readonly typedPaths: boolean;
  chooseFileToOpen(options: { title: string; filters?: FileFilter[] }): Promise<string | null>;
  chooseFileToSave(options: { title: string; defaultName: string }): Promise<string | null>;
  chooseFolder(options: { title: string }): Promise<string | null>;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}
