import { parentPort, workerData } from 'node:worker_threads';
import { CheckpointConnection } from '../../../db/walCheckpoints.js';
import type { CheckpointWorkerData, CheckpointWorkerMessage } from './BackgroundCheckpoints.js';

// The background checkpointer's thread (BackgroundCheckpoints): copies the library's write-ahead log into its file
// every `intervalMs`, so the writer's commits never wait for that copy and its sync.
if (!parentPort) throw new Error('walCheckpointWorker runs as a worker thread');
const port = parentPort;
const { file, intervalMs, closed } = workerData as CheckpointWorkerData;
const closedFlag = new Int32Array(closed);
const send = (message: CheckpointWorkerMessage) => port.postMessage(message);

let connection: CheckpointConnection | null = null;
let timer: NodeJS.Timeout | null = null;
function stop(): void {
  if (timer) clearInterval(timer);
  timer = null;
  try {
    connection?.close();
  } finally {
    connection = null;
    // The host waits on this (Atomics.wait) before it closes its own connection.
    Atomics.store(closedFlag, 0, 1);
    Atomics.notify(closedFlag, 0);
    port.close();
  }
}
port.on('message', (message: 'close') => {
  if (message === 'close') stop();
});

try {
  connection = new CheckpointConnection(file);
  send({ kind: 'ready' });
  timer = setInterval(() => {
    if (!connection) return;
    try {
      const started = performance.now();
      const result = connection.checkpoint();
      if (result.checkpointedFrames > 0) send({ kind: 'checkpointed', ...result, ms: performance.now() - started });
    } catch (error) {
      // Another checkpoint holding the lock is no failure: this pass's frames go with the next one.
      if (/^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '')) return;
      send({ kind: 'failed', message: (error as Error).message });
      stop();
    }
  }, intervalMs);
} catch (error) {
  send({ kind: 'failed', message: (error as Error).message });
  stop();
}
