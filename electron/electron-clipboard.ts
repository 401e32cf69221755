import type { Clipboard, ClipboardItem } from 'electron';
import type { ClipboardPort } from '../core/clipboard/clipboard-port';
import { VaultError } from '../core/errors';
import { concealedCopyMarkers } from './concealed-clipboard-formats';

export interface ElectronClipboardDeps {
  clipboard: Pick<Clipboard, 'write' | 'writeText' | 'readText' | 'clear'>;
  ClipboardItem: typeof ClipboardItem;
  platform: NodeJS.Platform;
  /** Told when the concealed write failed and the value was copied as plain text instead. */
  onConcealFailed?: (error: unknown) => void;
}

/**
 * The app's ClipboardPort, over Electron 45's async clipboard (clipboard.write with ClipboardItem).
 * The value is written once, atomically, together with the platform's "do not record" markers
 * (concealed-clipboard-formats.ts). Only the regular clipboard is written, never Linux's PRIMARY
 * selection, which nothing would clear.
 *
 * Electron is passed in rather than imported so this can be tested without the binary.
 */
export function createElectronClipboard(deps: ElectronClipboardDeps): ClipboardPort {
  return {
    async write(text) {
      try {
        await deps.clipboard.write([new deps.ClipboardItem({ 'text/plain': text, ...concealedCopyMarkers(deps.platform) })]);
        return;
      } catch (error) {
        // The markers are a courtesy to clipboard managers; a platform refusing one must not stop the copy.
        deps.onConcealFailed?.(error);
      }
      await unavailableOnFailure(() => deps.clipboard.writeText(text));
    },
    read: () => unavailableOnFailure(() => deps.clipboard.readText()),
    clear: () => unavailableOnFailure(async () => deps.clipboard.clear()),
  };
}

async function unavailableOnFailure<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch {
    // Electron's message could quote clipboard contents; ours never does.
    throw new VaultError(
      'CLIPBOARD_UNAVAILABLE',
      'Keystash could not reach the system clipboard. Check that a desktop session is running, then try again.',
    );
  }
}
