/**
 * Offers text as a file (the recovery codes, an encrypted backup). Electron turns the download into
 * a save dialog and makes the file 0600 (electron/download-policy.ts); the browser host's browser
 * downloads it. The same code serves both, so the renderer does not care which it runs on.
 */
export function saveTextFile(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke on a later turn: Chromium reads the blob asynchronously after the click.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
