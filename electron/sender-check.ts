import { originOf } from './renderer-origin';

/**
 * The decision behind every IPC handler (Electron security checklist item 17, "Validate the sender
 * of all IPC messages"). It takes plain values, read from the IPC event by ipc-transport.ts, so it is
 * testable without Electron.
 */
export interface SenderFrameFacts {
  /** The frame's current URL (WebFrameMain.url). */
  url: string;
  /** The frame's origin as Chromium serializes it (WebFrameMain.origin); "null" when opaque. */
  origin: string;
  /** True only for the top frame of the app window: no parent, and the window's own main frame. */
  isMainFrame: boolean;
}

export interface SenderFacts {
  /** The sending webContents is the app window's, not a popup, webview or DevTools. */
  fromAppWindow: boolean;
  /** Null when the frame navigated away or was destroyed before the call was handled. */
  frame: SenderFrameFacts | null;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function checkSender(facts: SenderFacts, trustedOrigins: readonly string[]): SenderVerdict {
  if (!facts.fromAppWindow) return refuse('the call did not come from the Keystash window');
  const frame = facts.frame;
  if (frame === null) return refuse('the calling frame is gone');
  if (!frame.isMainFrame) return refuse('the call came from a subframe');
  if (!trustedOrigins.includes(frame.origin)) return refuse(`origin ${JSON.stringify(frame.origin)} is not trusted`);
  // Both must agree: an about:blank or srcdoc document inherits its origin but has no URL of ours.
  if (originOf(frame.url) !== frame.origin) return refuse('the frame URL does not belong to its origin');
  return { trusted: true };
}

const refuse = (reason: string): SenderVerdict => ({ trusted: false, reason });
