import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatch } from '../core/api/dispatcher';
import { windowOperationNames } from '../core/api/operations';
import type { Result } from '../core/api/results';
import { operationChannel } from './ipc-channels';
import { isMainFrameOf } from './main-frame';
import { checkSender, type SenderFacts, type SenderFrameFacts } from './sender-check';

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The app window's webContents at the time of the call; null once it is gone. */
  appContents: () => WebContents | null;
  trustedOrigins: readonly string[];
  dispatch: Dispatch;
  /** Told about each refused call (no arguments are passed on: they might hold a secret). */
  onRefused?: (operation: string, reason: string) => void;
}

/**
 * One `ipcMain.handle('keystash:<op>')` per window operation, and no channel for anything else: the
 * CLI-only readSecret has no channel at all, and the dispatcher refuses it for 'window' callers
 * besides. Every handler first checks the sender, then hands the untouched arguments to the
 * dispatcher, which validates them with the operation's zod schema.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  for (const operation of windowOperationNames) {
    options.ipcMain.handle(operationChannel(operation), async (event, args: unknown): Promise<Result<unknown>> => {
      const verdict = checkSender(describeSender(event, options.appContents()), options.trustedOrigins);
      if (!verdict.trusted) {
        options.onRefused?.(operation, verdict.reason);
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Keystash only answers its own window; this call was refused.' },
        };
      }
      return options.dispatch(operation, args);
    });
  }
  return () => {
    for (const operation of windowOperationNames) options.ipcMain.removeHandler(operationChannel(operation));
  };
}

/** Reads what checkSender needs from the IPC event, comparing against the app window's main frame. */
export function describeSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  appContents: WebContents | null,
): SenderFacts {
  const contents = appContents !== null && !appContents.isDestroyed() ? appContents : null;
  return {
    fromAppWindow: contents !== null && event.sender.id === contents.id,
    frame: contents === null ? null : describeFrame(event, contents),
  };
}

function describeFrame(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, contents: WebContents): SenderFrameFacts | null {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame.isDestroyed()) return null;
    return { url: frame.url, origin: frame.origin, isMainFrame: isMainFrameOf(frame, contents) };
  } catch {
    // Reading a frame that was disposed mid-call throws; a frame we cannot read is not trusted.
    return null;
  }
}
