import type { Worker } from 'node:worker_threads';
import { siblingModule, spawnModuleWorker } from '../pool/spawnModuleWorker.js';
import { TextLanguageMissingError } from './textLanguages.js';
import type { RgbImage, TextReaderOptions, TextReading } from './TextReader.js';

export interface TextReaderThreadData {
  options: TextReaderOptions;
}

export type TextReaderThreadRequest =
  | { kind: 'read'; id: number; image: { data: Uint8Array; width: number; height: number } }
  | { kind: 'withdraw'; id: number }
  | { kind: 'close' };

export type TextReaderThreadReply =
  | { kind: 'ready' }
  | { kind: 'openFailed'; name: string; message: string; language: string }
  | { kind: 'read'; id: number; reading: TextReading }
  | { kind: 'readFailed'; id: number; name: string; message: string };

/** The reading was given up because its caller withdrew it; the same name as TextReader's, which the pass looks for. */
class WithdrawnError extends Error {
  constructor() {
    super('the text reading was withdrawn');
    this.name = 'TextReadWithdrawnError';
  }
}

interface PendingRead {
  resolve: (reading: TextReading) => void;
  reject: (error: Error) => void;
}

/**
 * A TextReader in a thread of its own. Everything a reading does besides tesseract's own recognition (decoding
 * the crops, the gate over a 640-px copy, the line's slant, the cleaned bands) runs on the CPU of whichever thread
 * calls it: 10–80 ms a photo that the library's event loop, which answers the window, should not wait on. A
 * thread that dies fails its reading, and the next reading starts a new one.
 */
export class TextReaderThread {
  private thread: Promise<Worker> | null = null;
  private readonly pending = new Map<number, PendingRead>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly options: TextReaderOptions) {}

  /** Opens the reader's thread (and its tesseract worker). Throws TextLanguageMissingError for a language not installed. */
  static async open(options: TextReaderOptions): Promise<TextReaderThread> {
    const reader = new TextReaderThread(options);
    await reader.ensureThread();
    return reader;
  }

  private ensureThread(): Promise<Worker> {
    if (this.thread) return this.thread;
    const thread: Promise<Worker> = new Promise<Worker>((resolve, reject) => {
      const data: TextReaderThreadData = { options: this.options };
      const worker = spawnModuleWorker(siblingModule(import.meta.url, 'textReaderWorker'), { workerData: data });
      let ready = false;
      worker.on('message', (reply: TextReaderThreadReply) => {
        if (reply.kind === 'ready') {
          ready = true;
          resolve(worker);
        } else if (reply.kind === 'openFailed') {
          reject(reply.name === 'TextLanguageMissingError' ? new TextLanguageMissingError(reply.language) : new Error(`the text reader could not start: ${reply.message}`));
        } else {
          const read = this.pending.get(reply.id);
          if (!read) return;
          this.pending.delete(reply.id);
          if (reply.kind === 'read') read.resolve(reply.reading);
          else read.reject(reply.name === 'TextReadWithdrawnError' ? new WithdrawnError() : new Error(reply.message));
        }
      });
      const lost = (reason: string) => {
        // Only this thread is forgotten: a reading after its crash may already have started the next one.
        if (this.thread === thread) this.thread = null;
        if (!ready) reject(new Error(`the text reader could not start: ${reason}`));
        const error = new Error(`the text reader's thread stopped (${reason}); the next photo starts a new one`);
        for (const read of this.pending.values()) read.reject(error);
        this.pending.clear();
      };
      worker.on('error', (error) => lost(error.message));
      worker.on('exit', (code) => lost(`exit code ${code}`));
    });
    // A thread that failed to start is not kept: the next reading tries again.
    thread.catch(() => {
      if (this.thread === thread) this.thread = null;
    });
    this.thread = thread;
    return thread;
  }

  /** Reads the photo's text in the thread; `signal` withdraws it between regions (TextReadWithdrawnError). */
  async read(image: RgbImage, options: { signal?: AbortSignal } = {}): Promise<TextReading> {
    if (this.closed) throw new Error('the text reader is closed');
    const worker = await this.ensureThread();
    const id = this.nextId++;
    // The pixels are copied once into memory the thread then owns (a Buffer may be a view of a shared pool).
    const data = new Uint8Array(image.data.length);
    data.set(image.data);
    const request: TextReaderThreadRequest = { kind: 'read', id, image: { data, width: image.width, height: image.height } };
    const reading = new Promise<TextReading>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const withdraw = () => worker.postMessage({ kind: 'withdraw', id } satisfies TextReaderThreadRequest);
    options.signal?.addEventListener('abort', withdraw, { once: true });
    try {
      worker.postMessage(request, [data.buffer]);
      if (options.signal?.aborted) withdraw();
      return await reading;
    } finally {
      options.signal?.removeEventListener('abort', withdraw);
    }
  }

  /** Ends the thread after its tesseract worker (a reading under way fails). */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.thread;
    this.thread = null;
    const worker = await thread?.catch(() => null);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ kind: 'close' } satisfies TextReaderThreadRequest);
    // The thread closes tesseract and exits; one that hangs is ended.
    const timer = setTimeout(() => void worker.terminate(), 3_000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
