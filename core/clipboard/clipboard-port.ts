/**
 * The system clipboard as core sees it: plain text only. Implementations throw
 * VaultError('CLIPBOARD_UNAVAILABLE') with what to install when there is no clipboard to reach.
 */
export interface ClipboardPort {
  write(text: string): Promise<void>;
  /** The clipboard's text, or '' when it holds none. */
  read(): Promise<string>;
  clear(): Promise<void>;
}
