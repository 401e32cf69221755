/** bin/run-with-code-cache.cjs listens here (see there). */
const CODE_PATH = Symbol.for('keystash.codeCache.way');

/**
 * Tells the launcher's code cache which way this command went: through the app's agent, or opening
 * the vault itself. A cache made one way only would leave the other way's code to be compiled again
 * on every start. Nothing happens when the bundle runs without that launcher (tests).
 */
export function noteCodePath(way: 'agent' | 'vault'): void {
  const note: unknown = (globalThis as Record<symbol, unknown>)[CODE_PATH];
  if (typeof note === 'function') note(way);
}
