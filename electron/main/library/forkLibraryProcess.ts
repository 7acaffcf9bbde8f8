import { MessageChannelMain, utilityProcess } from 'electron';
import type { LibraryProcessInit } from './libraryProtocol.js';
import type { LibraryConnection } from './LibrarySupervisor.js';
import { endpointFromElectronPort } from './messageEndpoint.js';

/**
 * Starts the library in an Electron utility process (a Node process Chromium manages: it dies with the app and
 * shows up in the task manager as "Phototag library") and hands it its end of a MessageChannel with the init.
 */
export function forkLibraryProcess(entry: string, init: Omit<LibraryProcessInit, 'type'>): LibraryConnection {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Phototag library', stdio: 'inherit' });
  const { port1, port2 } = new MessageChannelMain();
  const message: LibraryProcessInit = { type: 'init', ...init };
  child.once('spawn', () => child.postMessage(message, [port2]));
  return {
    endpoint: endpointFromElectronPort(port1),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}
