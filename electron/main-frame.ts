import type { WebContents, WebFrameMain } from 'electron';

/**
 * Whether `frame` is the top frame of `contents`. Compared by ids: distinct WebFrameMain objects may
 * stand for the same frame. Reading a frame that was disposed throws; callers treat that as gone.
 */
export function isMainFrameOf(
  frame: Pick<WebFrameMain, 'parent' | 'processId' | 'routingId'>,
  contents: Pick<WebContents, 'mainFrame'>,
): boolean {
  const main = contents.mainFrame;
  return frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
}
