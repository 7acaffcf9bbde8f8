// A worker for the WorkerPool tests: sums bytes; can fail or die on request; can refuse to start.
import { serveWorker } from '../../../native-models/pool/serveWorker.js';

interface Req {
  bytes: Uint8Array;
  mode?: 'ok' | 'throw' | 'die' | 'slow';
}

serveWorker<Req, { sum: number; thread: number }, { started: true }>(async (data) => {
  if ((data as { refuse?: boolean } | undefined)?.refuse) throw new Error('model file is corrupt');
  const { threadId } = await import('node:worker_threads');
  return {
    info: { started: true },
    async handle(req) {
      if (req.mode === 'throw') throw new RangeError('bad input');
      if (req.mode === 'die') process.exit(3);
      if (req.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 300));
      let sum = 0;
      for (const b of req.bytes) sum += b;
      return { value: { sum, thread: threadId } };
    },
  };
});
