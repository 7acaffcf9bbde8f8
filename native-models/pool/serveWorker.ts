import { parentPort, workerData } from 'node:worker_threads';
import type { Transferable } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

export interface WorkerHandler<Req, Res, Info> {
  info: Info;
  handle(payload: Req): Promise<{ value: Res; transfer?: Transferable[] }>;
}

/**
 * The worker side of a WorkerPool: initialise once (load the backend and model), then answer tasks one at a time.
 * An initialisation failure is reported to the pool with its message instead of crashing silently.
 */
export function serveWorker<Req, Res, Info>(init: (data: unknown) => Promise<WorkerHandler<Req, Res, Info>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread');
  const send = (message: FromWorker<Res, Info>, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  init(workerData)
    .then((handler) => {
      port.on('message', (message: ToWorker<Req>) => {
        handler
          .handle(message.payload)
          .then(({ value, transfer }) => send({ type: 'result', id: message.id, ok: true, value }, transfer ?? []))
          .catch((error: Error) => send({ type: 'result', id: message.id, ok: false, error: { name: error.name, message: error.message } }));
      });
      send({ type: 'ready', info: handler.info });
    })
    .catch((error: Error) => send({ type: 'init-error', message: error.message }));
}
