/** Mirrors the contract's rule (core/backup/backup-limits.ts) for the live hint; the vault validates. */
export const PASSPHRASE_MIN_CHARS = 12;

/** Counted in Unicode code points after NFC, as the vault counts: an "é" or an emoji is one. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

/** The file name the window offers a backup under: keystash-backup-YYYY-MM-DD.ksbackup (local date). */
export function backupFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `keystash-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.ksbackup`;
}
