/**
 * The limits of a backup that the contract checks before any work is done. Plain JavaScript only:
 * core/api/schemas.ts imports this, and those schemas are bundled into the preload and host page.
 */

/** Counted in Unicode code points, so "é" or an emoji is one character, as a person counts. */
export const PASSPHRASE_MIN_CHARS = 12;
export const PASSPHRASE_MAX_CHARS = 1024;

/** A backup file larger than this is refused before it is parsed (a real vault is far smaller). */
export const BACKUP_MAX_CHARS = 256 * 1024 * 1024;

export const RESTORE_CONFLICT_ACTIONS = ['skip', 'replace', 'rename'] as const;
export type RestoreConflictAction = (typeof RESTORE_CONFLICT_ACTIONS)[number];

/**
 * The same passphrase typed on macOS and Linux can arrive in different Unicode forms (a composed
 * "é", or "e" plus a combining accent). Both mean the same to the user, so both derive the same key.
 */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export function passphraseLength(passphrase: string): number {
  return [...normalisePassphrase(passphrase)].length;
}
