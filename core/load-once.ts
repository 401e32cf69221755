/**
 * A value made on first use and kept: `loadOnce(() => import(...).then(...))` defers loading a
 * module until something needs it. A failed load is not kept, so the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = null;
      throw error;
    });
    return loaded;
  };
}
