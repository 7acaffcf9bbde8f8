import type { MessagePortMain } from 'electron';

/**
 * One end of a message channel, reduced to what the library protocol needs. Electron's MessagePortMain (main
 * and utility process) and Node's worker_threads MessagePort (the tests) each get a small adapter, so the
 * protocol code runs unchanged over both.
 */
export interface MessageEndpoint {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The other end went away: the process holding it exited, or it closed the port. */
  onClose(listener: () => void): void;
  close(): void;
}

export function endpointFromElectronPort(port: MessagePortMain): MessageEndpoint {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
      // A MessagePortMain queues everything until started; starting on first listener means nothing is missed.
      port.start();
    },
    onClose: (listener) => port.on('close', listener),
    close: () => port.close(),
  };
}
