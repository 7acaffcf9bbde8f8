import type { Worker } from 'node:worker_threads';
import { siblingModule, spawnModuleWorker } from '../pool/spawnModuleWorker.js';
import { TextLanguageMissingError } from './textLanguages.js';
import { TextReadWithdrawnError } from './textReadErrors.js';
import type { RgbImage, TextReaderOptions, TextReading } from './TextReader.js';

export interface TextReaderThreadData {
  options: TextReaderOptions;
}

export interface WirePixels {
  data: Uint8Array;
  width: number;
  height: number;
}

export type TextReaderThreadRequest =
  /** `withFull`: the host has the photo at its reading size too, sent when the thread asks (`needFull`). */
  | { kind: 'read'; id: number; image: WirePixels; withFull: boolean }
  | { kind: 'full'; id: number; image: WirePixels }
  | { kind: 'fullFailed'; id: number; message: string }
  | { kind: 'withdraw'; id: number }
  | { kind: 'close' };

export type TextReaderThreadReply =
  | { kind: 'ready'; warning: string | null }
  | { kind: 'openFailed'; name: string; message: string; language: string }
  | { kind: 'needFull'; id: number }
  | { kind: 'read'; id: number; reading: TextReading }
  | { kind: 'readFailed'; id: number; name: string; message: string };

/** RGB pixels copied once into memory the receiving thread then owns (a Buffer may be a view of a shared pool). */
function toWire(image: RgbImage): { pixels: WirePixels; transfer: ArrayBuffer[] } {
  const data = new Uint8Array(image.data.length);
  data.set(image.data);
  return { pixels: { data, width: image.width, height: image.height }, transfer: [data.buffer] };
}

interface PendingRead {
  resolve: (reading: TextReading) => void;
  reject: (error: Error) => void;
  full: (() => Promise<RgbImage>) | undefined;
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
  /** The reader's warning when it opened (TextReader.warning): English read by tesseract, PP-OCR's file named. */
  warning: string | null = null;

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
          this.warning = reply.warning;
          resolve(worker);
        } else if (reply.kind === 'openFailed') {
          reject(reply.name === 'TextLanguageMissingError' ? new TextLanguageMissingError(reply.language) : new Error(`the text reader could not start: ${reply.message}`));
        } else if (reply.kind === 'needFull') {
          void this.sendFull(worker, reply.id);
        } else {
          const read = this.pending.get(reply.id);
          if (!read) return;
          this.pending.delete(reply.id);
          if (reply.kind === 'read') read.resolve(reply.reading);
          else read.reject(reply.name === 'TextReadWithdrawnError' ? new TextReadWithdrawnError() : new Error(reply.message));
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

  /**
   * Reads the photo's text in the thread (TextReader.read: the gate looks at `gateImage`, and `full`, if given, is
   * called only when it finds text); `signal` withdraws it between regions (TextReadWithdrawnError).
   */
  async read(gateImage: RgbImage, options: { signal?: AbortSignal; full?: () => Promise<RgbImage> } = {}): Promise<TextReading> {
    if (this.closed) throw new Error('the text reader is closed');
    const worker = await this.ensureThread();
    const id = this.nextId++;
    const { pixels, transfer } = toWire(gateImage);
    const request: TextReaderThreadRequest = { kind: 'read', id, image: pixels, withFull: options.full !== undefined };
    const reading = new Promise<TextReading>((resolve, reject) => this.pending.set(id, { resolve, reject, full: options.full }));
    const withdraw = () => worker.postMessage({ kind: 'withdraw', id } satisfies TextReaderThreadRequest);
    options.signal?.addEventListener('abort', withdraw, { once: true });
    try {
      worker.postMessage(request, transfer);
      if (options.signal?.aborted) withdraw();
      return await reading;
    } finally {
      options.signal?.removeEventListener('abort', withdraw);
    }
  }

  /** The thread found text: the photo's pixels at their reading size, loaded now, or why they could not be. */
  private async sendFull(worker: Worker, id: number): Promise<void> {
    const full = this.pending.get(id)?.full;
    try {
      if (!full) throw new Error('no pixels at the reading size were offered');
      const { pixels, transfer } = toWire(await full());
      worker.postMessage({ kind: 'full', id, image: pixels } satisfies TextReaderThreadRequest, transfer);
    } catch (error) {
      worker.postMessage({ kind: 'fullFailed', id, message: (error as Error).message } satisfies TextReaderThreadRequest);
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
