/**
 * Progress of a running import, for a progress bar. The dispatcher's answer comes only at the end,
 * so the front end in the same process (the CLI now, Electron's main later) listens here while its
 * importKeys call runs. Keyed by vault, so two vaults in one process never see each other's.
 */
export type ImportProgressListener = (done: number, total: number) => void;

const listeners = new WeakMap<object, ImportProgressListener>();

export function watchImportProgress(vault: object, listener: ImportProgressListener): () => void {
  listeners.set(vault, listener);
  return () => {
    if (listeners.get(vault) === listener) listeners.delete(vault);
  };
}

export function importProgressListener(vault: object): ImportProgressListener | undefined {
  return listeners.get(vault);
}
