import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiEvent } from '../../contract/api.js';
import { isApiMethod } from '../../contract/api.js';
import { fail, type Result } from '../../contract/result.js';
import { isTrustedSender } from '../security/trustedSender.js';
import { ipcChannels } from './bridgeChannels.js';

export interface BridgeLibrary {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

export interface BridgeDeps {
  ipcMain: IpcMain;
  library: BridgeLibrary;
  /** The UI's webContents, the only one the bridge answers; null while there is no window. */
  uiContents: () => WebContents | null;
  pickFolder: () => Promise<string | null>;
  log: { warn(details: object, message: string): void };
}

/**
 * The main-process end of the preload's bridge: `phototag:call` forwards to the library process,
 * `phototag:pick-folder` opens the native picker, and library events go to the UI on `phototag:event`. Messages
 * from anything but the UI's own top frame are refused. Returns a function that unregisters it all.
 */
export function registerBridgeHandlers(deps: BridgeDeps): () => void {
  const { ipcMain, library, uiContents, log } = deps;
  const trusted = (event: IpcMainInvokeEvent, channel: string): boolean => {
    if (isTrustedSender(event, uiContents())) return true;
    log.warn({ channel, url: event.senderFrame?.url ?? null }, 'refused IPC from a frame that is not the Phototag UI');
    return false;
  };

  ipcMain.handle(ipcChannels.call, (event, method: unknown, input: unknown): Promise<Result<unknown>> | Result<unknown> => {
    if (!trusted(event, ipcChannels.call)) return fail('forbidden', 'only the Phototag window may call the library');
    // Checked here too (the preload already did) so a bad name never costs a round trip to the library process.
    if (typeof method !== 'string' || !isApiMethod(method)) return fail('unknown-method', `unknown method ${JSON.stringify(method)}`);
    return library.call(method, input);
  });

  ipcMain.handle(ipcChannels.pickFolder, (event): Promise<string | null> | null => {
    if (!trusted(event, ipcChannels.pickFolder)) return null;
    return deps.pickFolder();
  });

  const unsubscribe = library.subscribe((event) => {
    const contents = uiContents();
    if (contents && !contents.isDestroyed()) contents.send(ipcChannels.event, event);
  });

  return () => {
    ipcMain.removeHandler(ipcChannels.call);
    ipcMain.removeHandler(ipcChannels.pickFolder);
    unsubscribe();
  };
}
