import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { UnreadPhoto } from '../../../db/repositories/PhotoTextRepository.js';
import type { RawRgbImage } from '../imaging/index.js';
import { PhotoDecodeError } from '../imaging/errors.js';
import type { Clock } from '../adapters/clock.js';
import { hashBytes, readPhotoBytes } from '../adapters/photoFiles.js';
import type { Logger } from '../logging/logger.js';
import { decodeForReading } from './decodeForText.js';

/** A word read in a photo; its box in shares (0–1) of the upright photo. */
export interface PhotoWord {
  text: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
}

/** The part of the text reader the pass uses (native-models/text/TextReader), so tests can stand one in. */
export interface PhotoTextReader {
  /**
   * Reads the words in a photo: `image` is the photo at the gate's size; `full`, when given, loads it at its reading
   * size, called only if the gate finds text (most photos are never decoded at that size).
   */
  read(image: RawRgbImage, options: { signal?: AbortSignal; full?: () => Promise<RawRgbImage> }): Promise<{ words: PhotoWord[] }>;
  close(): Promise<void>;
  /** Something the user should know about how the reader reads (a model file missing, another reader used). */
  readonly warning?: string | null;
}

export interface TextPassOptions {
  /**
   * Starts a reader in `languages` (its thread and tesseract worker); called when there is a photo to read, closed
   * when the run ends or the languages change.
   */
  openReader(languages: readonly string[]): Promise<PhotoTextReader>;
  readerVersion: number;
  /** The languages photos are read in now (the library's setting, as stored: English first); a change re-reads every photo. */
  languages(): readonly string[];
  maxPixels: number;
  /** True while the index has work: the pass then waits, and a reading under way is withdrawn between regions. */
  busy(): boolean;
  /** The library's setting: off, the pass reads nothing and waits. */
  enabled(): boolean;
  /** How often it looks again when waiting; default 250 ms. */
  pollMs?: number;
  /** Photos read at once, each by a reader of its own (a tesseract thread reads one image at a time); default 1. */
  readers?: number;
}

export interface TextProgress {
  read: number;
  /** Photos still to be read (0 while text reading is off is not promised: they wait for it to be on). */
  remaining: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Reads the text in indexed photos, in the background, newest first, only while the index has nothing to do, so
 * photos are searchable by their tags first. Its queue is the photos without a reading of their present content
 * (PhotoTextRepository): each photo's words, its move off the queue and its search row are one transaction, so a
 * kill loses and repeats nothing. The OCR runs in tesseract's worker thread, never on this one.
 */
export class TextPass {
  /** Photos this run could not read (unreadable now, the reader failed on them): not tried again this run. */
  private readonly skipped = new Set<number>();
  /** Photos a lane is reading now: the other lanes take the next ones. */
  private readonly reading = new Set<number>();
  readonly progress: TextProgress = { read: 0, remaining: 0 };
  private listeners: ((p: TextProgress) => void)[] = [];
  /** One reader per lane, opened in the languages of the lane's photo, all closed when the run ends. */
  private readers: ({ reader: Promise<PhotoTextReader>; languages: string } | null)[] = [];

  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: TextPassOptions,
  ) {
    this.progress.remaining = this.remaining();
  }

  remaining(): number {
    return this.library.photoText.remaining(this.options.readerVersion, this.options.languages());
  }

  onProgress(listener: (p: TextProgress) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Reads photos until `signal` aborts, or, with `untilDone`, until none is left (or reading is off). Each of the
   * `readers` lanes reads one photo at a time; they share the queue, newest first, and never take the same photo.
   */
  async run(signal: AbortSignal, options: { untilDone?: boolean } = {}): Promise<void> {
    const lanes = Math.max(1, Math.trunc(this.options.readers ?? 1));
    this.readers = Array.from({ length: lanes }, () => null);
    // A lane that fails (the database, not a photo) stops the others before the readers are closed under them.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) stop.abort();
    try {
      const ends = await Promise.allSettled(
        this.readers.map((_, lane) =>
          this.runLane(lane, stop.signal, options).catch((error: unknown) => {
            stop.abort();
            throw error;
          }),
        ),
      );
      const failed = ends.find((end): end is PromiseRejectedResult => end.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      signal.removeEventListener('abort', onAbort);
      const readers = this.readers;
      this.readers = [];
      // Every reader is closed, even when another's close fails.
      await Promise.allSettled(readers.map((lane) => lane?.reader.then((r) => r.close())));
      this.publish();
    }
  }

  private async runLane(lane: number, signal: AbortSignal, options: { untilDone?: boolean }): Promise<void> {
    const pollMs = this.options.pollMs ?? 250;
    while (!signal.aborted) {
      if (!this.options.enabled()) {
        if (options.untilDone) return;
        await sleep(Math.max(pollMs, 1000), signal);
        continue;
      }
      if (this.options.busy()) {
        await sleep(pollMs, signal);
        continue;
      }
      const passed = this.skipped.size + this.reading.size;
      const languages = this.options.languages();
      const photo = this.library.photoText.next(this.options.readerVersion, languages, 1 + passed).find((p) => !this.skipped.has(p.id) && !this.reading.has(p.id));
      this.publish();
      if (!photo) {
        // Another lane's photo may yet be withdrawn and stay queued: that lane reads it again, so this one may stop.
        if (options.untilDone) return;
        await sleep(Math.max(pollMs, 1000), signal);
        continue;
      }
      this.reading.add(photo.id);
      try {
        await this.readOne(lane, photo, languages, signal);
      } finally {
        this.reading.delete(photo.id);
      }
    }
  }

  private async readOne(lane: number, photo: UnreadPhoto, languages: readonly string[], signal: AbortSignal): Promise<void> {
    // Withdrawn when the index gets work, the setting goes off or the run stops; the photo stays on the queue.
    const withdraw = new AbortController();
    const onAbort = () => withdraw.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const watch = setInterval(() => {
      if (this.options.busy() || !this.options.enabled()) withdraw.abort();
    }, 100);
    try {
      const pixels = await this.decode(photo);
      if (!pixels || withdraw.signal.aborted) return;
      let words: PhotoWord[];
      try {
        const reader = await this.readerFor(lane, languages);
        words = (await reader.read(pixels.gate, { signal: withdraw.signal, ...(pixels.full ? { full: pixels.full } : {}) })).words;
      } catch (error) {
        if ((error as Error).name === 'TextReadWithdrawnError') return;
        this.logger.error({ err: (error as Error).message, photoId: photo.id }, 'reading text failed; the photo is searchable by its tags');
        this.skipped.add(photo.id);
        return;
      }
      this.store(photo, languages, words);
    } finally {
      clearInterval(watch);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** The lane's reader, opened again when the languages changed since it was opened (the old one closed first). */
  private async readerFor(lane: number, languages: readonly string[]): Promise<PhotoTextReader> {
    const key = languages.join('+');
    const current = this.readers[lane];
    if (current && current.languages === key) return current.reader;
    this.readers[lane] = null;
    await current?.reader.then((r) => r.close()).catch(() => undefined);
    const reader = this.options.openReader(languages);
    this.readers[lane] = { reader, languages: key };
    void reader.then((r) => {
      if (r.warning) this.logger.warn({ warning: r.warning }, 'the text reader opened with a warning');
    }, () => undefined);
    return reader;
  }

  /**
   * The photo's pixels at the gate's size, and how to get them at the reading size (for photos the gate sends), or
   * null (changed, moved or unreadable since it was indexed: the index deals with it).
   */
  private async decode(photo: UnreadPhoto): Promise<{ gate: RawRgbImage; full?: () => Promise<RawRgbImage> } | null> {
    const folders = this.library.folders.list().map((f) => f.path);
    try {
      const bytes = await readPhotoBytes(photo.path, folders);
      if ((await hashBytes(bytes)) !== photo.contentHash) throw new Error('the file changed since it was indexed');
      const size = photo.width && photo.height ? { width: photo.width, height: photo.height } : null;
      return await decodeForReading(bytes, size, this.options.maxPixels);
    } catch (error) {
      if (!(error instanceof PhotoDecodeError)) this.logger.warn({ err: (error as Error).message, photoId: photo.id }, 'cannot read the photo for its text now');
      this.skipped.add(photo.id);
      return null;
    }
  }

  /** The words, the photo's move off the queue and its search row, in one transaction. */
  private store(photo: UnreadPhoto, languages: readonly string[], words: readonly PhotoWord[]): void {
    const { library } = this;
    const stored = library.transaction(() => {
      if (!library.photoText.store(photo.id, photo.contentHash, this.options.readerVersion, languages, words, this.clock.now())) return false;
      library.searchIndex.refresh(photo.id);
      return true;
    });
    if (stored) this.progress.read += 1;
    else this.skipped.add(photo.id);
  }

  private publish(): void {
    this.progress.remaining = this.remaining();
    for (const listener of this.listeners) listener({ ...this.progress });
  }
}
