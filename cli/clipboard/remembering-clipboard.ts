import type { ClipboardPort } from '../../core/clipboard/clipboard-port';
import { CopiedValueDigest } from './copied-value-digest';

/**
 * The platform clipboard as handed to the vault, noting a digest of what the vault copies. The
 * vault's own guard clears on its timer; the CLI needs the digest for two cases the guard does not
 * cover: Ctrl-C during `copy` (clear before exiting) and `copy --no-wait` (a helper clears later).
 */
export class RememberingClipboard implements ClipboardPort {
  private copied: CopiedValueDigest | null = null;

  constructor(private readonly port: ClipboardPort) {}

  async write(text: string): Promise<void> {
    await this.port.write(text);
    this.copied = CopiedValueDigest.of(text);
  }

  read(): Promise<string> {
    return this.port.read();
  }

  async clear(): Promise<void> {
    await this.port.clear();
    this.copied = null;
  }

  get lastCopied(): CopiedValueDigest | null {
    return this.copied;
  }

  /** Clears only if the clipboard still holds what was copied; whatever the user copied since is theirs. */
  async clearIfStillCopied(): Promise<boolean> {
    const copied = this.copied;
    if (!copied || !copied.matches(await this.port.read())) return false;
    await this.clear();
    return true;
  }
}
