import { parentPort, workerData } from 'node:worker_threads';
import { TextReader } from './TextReader.js';
import { TextLanguageMissingError } from './textLanguages.js';
import type { TextReaderThreadData, TextReaderThreadReply, TextReaderThreadRequest } from './TextReaderThread.js';

// A TextReader's own thread (TextReaderThread): one reading at a time, withdrawn between regions on request.
if (!parentPort) throw new Error('textReaderWorker runs as a worker thread');
const port = parentPort;
const { options } = workerData as TextReaderThreadData;
const send = (reply: TextReaderThreadReply) => port.postMessage(reply);

let reader: TextReader | null = null;
const withdrawals = new Map<number, AbortController>();

async function read(request: Extract<TextReaderThreadRequest, { kind: 'read' }>): Promise<void> {
  const withdrawal = withdrawals.get(request.id) ?? new AbortController();
  withdrawals.set(request.id, withdrawal);
  try {
    if (!reader) throw new Error('the text reader is closed');
    const { data, width, height } = request.image;
    const image = { data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 3 as const };
    send({ kind: 'read', id: request.id, reading: await reader.read(image, { signal: withdrawal.signal }) });
  } catch (error) {
    send({ kind: 'readFailed', id: request.id, name: (error as Error).name, message: (error as Error).message });
  } finally {
    withdrawals.delete(request.id);
  }
}

// Readings run one after another, as one tesseract worker reads one image at a time.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: TextReaderThreadRequest) => {
  if (request.kind === 'read') {
    withdrawals.set(request.id, new AbortController());
    queue = queue.then(() => read(request));
  } else if (request.kind === 'withdraw') {
    withdrawals.get(request.id)?.abort();
  } else {
    const closing = reader;
    reader = null;
    void queue
      .then(() => closing?.close())
      .finally(() => port.close());
  }
});

try {
  reader = await TextReader.open(options);
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'openFailed', name: (error as Error).name, message: (error as Error).message, language: error instanceof TextLanguageMissingError ? error.language : '' });
  port.close();
}
