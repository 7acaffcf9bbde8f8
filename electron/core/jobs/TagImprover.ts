import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { ImprovablePhoto } from '../../../db/repositories/ImprovementRepository.js';
import type { Clock } from '../adapters/clock.js';
import { LiveHeadScorer } from '../learning/LiveHeadScorer.js';
import type { Logger } from '../logging/logger.js';
import type { FaceGrouper } from '../people/FaceGrouper.js';
import { decodeDetail, decodeStage, type AnalyzePhotoPayload } from '../pipeline/analyzePhoto.js';
import type { AnalyzerInput, PhotoAnalysis, PhotoAnalyzer } from '../pipeline/PhotoAnalyzer.js';
import { storeAnalysis } from './storeAnalysis.js';

export interface TagImproverOptions {
  /** The better tagger ('accurate'), in its own worker threads. */
  analyzer: PhotoAnalyzer;
  /** The pipeline version of the photos it re-tags (the first tagger's), and the one they move to. */
  fromVersion: number;
  toVersion: number;
  thumbnailsDir: string;
  maxPixels: number;
  grouper: FaceGrouper;
  /**
   * True while the index has work (a scan, queued photos): the improver then waits, and its batches that have not
   * reached a model worker yet are withdrawn, so new photos become searchable first.
   */
  busy(): boolean;
  /** Whether faces are described and grouped now (the library's setting). Default: yes. */
  faceRecognition?: () => boolean;
  /** How often it looks again when waiting; default 250 ms. */
  pollMs?: number;
}

export interface ImproveProgress {
  improved: number;
  /** Photos still tagged by the first tagger only. */
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
 * Re-tags, in the background, the photos the first (fast) tagger indexed with the better one, newest first, only
 * while the index has nothing to do. Its queue is the photos' pipeline version (ImprovementRepository): each photo's
 * new analysis is stored with its move to the better version in one transaction, so a kill loses and repeats
 * nothing, and the user's corrections are kept as a re-index keeps them (storeAnalysis).
 */
export class TagImprover {
  private readonly liveHeads = new LiveHeadScorer();
  /** Photos this run could not improve (unreadable now, the models failed on them): not tried again this run. */
  private readonly skipped = new Set<number>();
  readonly progress: ImproveProgress = { improved: 0, remaining: 0 };
  private listeners: ((p: ImproveProgress) => void)[] = [];

  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: TagImproverOptions,
  ) {
    this.progress.remaining = this.remaining();
  }

  remaining(): number {
    return this.library.improvements.remaining(this.options.fromVersion);
  }

  onProgress(listener: (p: ImproveProgress) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Improves photos until `signal` aborts, or, with `untilDone`, until none is left. While waiting for the index it
   * holds nothing: a stop takes at most the model batch already running.
   */
  async run(signal: AbortSignal, options: { untilDone?: boolean } = {}): Promise<void> {
    const { analyzer } = this.options;
    const pollMs = this.options.pollMs ?? 250;
    while (!signal.aborted) {
      if (this.options.busy()) {
        await sleep(pollMs, signal);
        continue;
      }
      // Enough photos for every worker to have a batch, no more: a round is short, so new photos wait little.
      const want = analyzer.batchSize * Math.max(1, analyzer.parallelism);
      const photos = this.library.improvements
        .next(this.options.fromVersion, want + this.skipped.size)
        .filter((p) => !this.skipped.has(p.id))
        .slice(0, want);
      this.publish();
      if (photos.length === 0) {
        if (options.untilDone) return;
        await sleep(Math.max(pollMs, 1000), signal);
        continue;
      }
      await this.round(photos, signal);
    }
  }

  private async round(photos: readonly ImprovablePhoto[], signal: AbortSignal): Promise<void> {
    // Withdrawn at once when the index gets work or the run stops; a batch inside a model call finishes and is stored.
    const withdraw = new AbortController();
    const onAbort = () => withdraw.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const watch = setInterval(() => {
      if (this.options.busy()) withdraw.abort();
    }, 100);
    try {
      const libraryFolders = this.library.folders.list().map((f) => f.path);
      const size = this.options.analyzer.batchSize;
      const batches: ImprovablePhoto[][] = [];
      for (let i = 0; i < photos.length; i += size) batches.push(photos.slice(i, i + size));
      await Promise.all(batches.map((batch) => this.improveBatch(batch, libraryFolders, withdraw.signal)));
    } finally {
      clearInterval(watch);
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async improveBatch(photos: readonly ImprovablePhoto[], libraryFolders: readonly string[], withdraw: AbortSignal): Promise<void> {
    const { maxPixels, thumbnailsDir } = this.options;
    const inputs: { photo: ImprovablePhoto; input: AnalyzerInput }[] = [];
    for (const photo of photos) {
      if (withdraw.aborted) return;
      const payload: AnalyzePhotoPayload = { jobId: 0, photoId: photo.id, path: photo.path, contentHash: photo.contentHash, mtimeMs: photo.mtimeMs };
      const outcome = await decodeStage(payload, { thumbnailsDir, maxPixels, libraryFolders });
      if (!outcome.ok) {
        // Changed, moved or unreadable since it was indexed: the index deals with the file; this run leaves it.
        this.skipped.add(photo.id);
        continue;
      }
      const { decoded } = outcome;
      inputs.push({
        photo,
        input: { preview: decoded.preview, metadata: decoded.metadata, size: { width: decoded.width, height: decoded.height }, detail: () => decodeDetail(payload, { maxPixels, libraryFolders }) },
      });
    }
    if (inputs.length === 0 || withdraw.aborted) return;
    let analyses: PhotoAnalysis[];
    try {
      analyses = await this.options.analyzer.analyzeBatch(
        inputs.map((i) => i.input),
        { signal: withdraw, describeFaces: this.options.faceRecognition?.() ?? true },
      );
    } catch (error) {
      if ((error as Error).name === 'TaskWithdrawnError') return;
      this.logger.error({ err: (error as Error).message, photos: inputs.length }, 'improving tags failed; those photos keep their tags');
      for (const { photo } of inputs) this.skipped.add(photo.id);
      return;
    }
    inputs.forEach(({ photo }, k) => {
      const analysis = analyses[k];
      if (analysis) this.store(photo, analysis);
    });
  }

  /** The better analysis and the photo's move to its version, in one transaction. */
  private store(photo: ImprovablePhoto, analysis: PhotoAnalysis): void {
    const { library } = this;
    const now = this.clock.now();
    const stored = library.transaction(() => {
      if (!library.improvements.markImproved(photo.id, this.options.fromVersion, this.options.toVersion, photo.contentHash, now)) return false;
      storeAnalysis(library, photo.id, analysis, this.options.analyzer.version, now, { liveHeads: this.liveHeads, grouper: this.options.grouper, recognising: this.options.faceRecognition?.() ?? true });
      library.searchIndex.refresh(photo.id);
      return true;
    });
    if (stored) this.progress.improved += 1;
  }

  private publish(): void {
    this.progress.remaining = this.remaining();
    for (const listener of this.listeners) listener({ ...this.progress });
  }
}
