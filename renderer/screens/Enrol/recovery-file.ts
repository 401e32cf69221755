/** The text of the recovery-code file: the codes, and enough context to know what they are in a year. */
export function recoveryFileText(codes: string[], createdAt = new Date()): string {
  return [
    'Keystash recovery codes',
    `Created ${createdAt.toISOString().slice(0, 10)}`,
    '',
    'Each code unlocks Keystash once if you lose your authenticator.',
    'Keep this file somewhere safe that is not this computer.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/**
 * Offers the codes as a file. Electron turns the download into a save dialog; the browser host's
 * browser downloads it. The same code serves both, so the renderer does not care which it runs on.
 */
export function saveTextFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
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
