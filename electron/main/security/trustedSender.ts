import { isAppPageUrl } from '../protocols/schemes.js';

/** The parts of an IPC event (Electron's IpcMainInvokeEvent) that say who sent it. */
export interface IpcSenderInfo {
  sender: { id: number };
  /** Null when the frame has navigated away or been destroyed since it sent the message. */
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Whether an IPC message comes from our UI: the top frame of our own window, showing one of our app pages. An
 * iframe, another window or webContents, or a page that somehow navigated elsewhere gets nothing from the bridge.
 */
export function isTrustedSender(event: IpcSenderInfo, ourContents: { id: number } | null): boolean {
  if (ourContents === null || event.sender.id !== ourContents.id) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  return isAppPageUrl(frame.url);
}
