import { parentPort, workerData } from 'node:worker_threads';
import { TextReader } from './TextReader.js';
import { TextLanguageMissingError } from './textLanguages.js';
import type { RgbImage } from './TextReader.js';
import type { TextReaderThreadData, TextReaderThreadReply, TextReaderThreadRequest, WirePixels } from './TextReaderThread.js';

// A TextReader's own thread (TextReaderThread): one reading at a time, withdrawn between regions on request.
if (!parentPort) throw new Error('textReaderWorker runs as a worker thread');
const port = parentPort;
const { options } = workerData as TextReaderThreadData;
const send = (reply: TextReaderThreadReply) => port.postMessage(reply);

let reader: TextReader | null = null;
const withdrawals = new Map<number, AbortController>();
/** Readings waiting for the host's pixels at the reading size. */
const fullWaits = new Map<number, { resolve: (image: RgbImage) => void; reject: (error: Error) => void }>();

const fromWire = ({ data, width, height }: WirePixels): RgbImage => ({ data: Buffer.from(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 3 });

/** Asks the host for the photo at its reading size (the gate found text in it). */
function askFull(id: number): Promise<RgbImage> {
  return new Promise<RgbImage>((resolve, reject) => {
    fullWaits.set(id, { resolve, reject });
    send({ kind: 'needFull', id });
  });
}

async function read(request: Extract<TextReaderThreadRequest, { kind: 'read' }>): Promise<void> {
  const withdrawal = withdrawals.get(request.id) ?? new AbortController();
  withdrawals.set(request.id, withdrawal);
  try {
    if (!reader) throw new Error('the text reader is closed');
    const options = { signal: withdrawal.signal, ...(request.withFull ? { full: () => askFull(request.id) } : {}) };
    send({ kind: 'read', id: request.id, reading: await reader.read(fromWire(request.image), options) });
  } catch (error) {
    send({ kind: 'readFailed', id: request.id, name: (error as Error).name, message: (error as Error).message });
  } finally {
    withdrawals.delete(request.id);
    fullWaits.delete(request.id);
  }
}

// Readings run one after another, as one tesseract worker reads one image at a time.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: TextReaderThreadRequest) => {
  if (request.kind === 'read') {
    withdrawals.set(request.id, new AbortController());
    queue = queue.then(() => read(request));
  } else if (request.kind === 'full') {
    fullWaits.get(request.id)?.resolve(fromWire(request.image));
  } else if (request.kind === 'fullFailed') {
    fullWaits.get(request.id)?.reject(new Error(`the photo could not be loaded at its reading size: ${request.message}`));
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
  send({ kind: 'ready', warning: reader.warning });
} catch (error) {
  send({ kind: 'openFailed', name: (error as Error).name, message: (error as Error).message, language: error instanceof TextLanguageMissingError ? error.language : '' });
  port.close();
}
