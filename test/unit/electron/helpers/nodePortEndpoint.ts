import type { MessagePort } from 'node:worker_threads';
import type { MessageEndpoint } from '../../../../electron/main/library/messageEndpoint.js';

/** A worker_threads MessagePort as a MessageEndpoint: the tests run the library protocol over a real channel. */
export function nodePortEndpoint(port: MessagePort): MessageEndpoint {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    onClose: (listener) => port.on('close', listener),
    close: () => port.close(),
  };
}
