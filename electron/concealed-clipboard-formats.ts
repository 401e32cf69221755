/**
 * Extra clipboard formats that ask clipboard managers and clipboard history to skip a copied value.
 * They are hints: a tool that does not know them still sees the text, which is why copies are also
 * cleared after N seconds. Electron 45's clipboard.write takes raw platform formats under the custom
 * MIME type `electron application/osclipboard;format="<name>"` (docs/api/clipboard.md); a string
 * payload is written as UTF-8, a Blob as its bytes (docs/api/clipboard-item.md).
 *
 * What honours them:
 * - Linux: `x-kde-passwordManagerHint` = "secret" is KDE Klipper's convention (KeePassXC sets it
 *   too); Klipper leaves such copies out of its history. wl-clip-persist can be told to skip it.
 *   GNOME has no built-in clipboard history; third-party extensions vary.
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org): its presence marks the content as
 *   confidential. The pasteboard historians listed there (Alfred, Paste, CopyPaste Pro, Keyboard
 *   Maestro, ClipBook, ...) skip or obscure it. Universal Clipboard (Handoff) does not look at it.
 * - Windows 10 1809+: `ExcludeClipboardContentFromMonitorProcessing` keeps the copy out of clipboard
 *   history (Win+V), Cloud Clipboard sync, and monitors that respect it; `CanIncludeInClipboardHistory`
 *   and `CanUploadToCloudClipboard` set to DWORD 0 say the same to history and cloud sync explicitly.
 */
export function concealedCopyMarkers(platform: NodeJS.Platform): Record<string, string | Blob> {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { [osFormat('x-kde-passwordManagerHint')]: 'secret' };
    case 'darwin':
      // Only the marker's presence counts, so it carries a fixed word rather than a second copy of the value.
      return { [osFormat('org.nspasteboard.ConcealedType')]: 'concealed' };
    case 'win32':
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: dword(1),
        [osFormat('CanIncludeInClipboardHistory')]: dword(0),
        [osFormat('CanUploadToCloudClipboard')]: dword(0),
      };
    default:
      return {};
  }
}

export const osFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

/** A little-endian 32-bit value, as the Windows clipboard formats above expect. */
function dword(value: number): Blob {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return new Blob([bytes]);
}
