import { setMaxListeners } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { AnalyzeJob } from '../../../db/repositories/JobRepository.js';
import type { Clock } from '../adapters/clock.js';
import type { Logger } from '../logging/logger.js';
import { decodeDetail, decodeStage, type AnalyzePhotoPayload, type DecodeOutcome } from '../pipeline/analyzePhoto.js';
import type { PhotoAnalysis, PhotoAnalyzer } from '../pipeline/PhotoAnalyzer.js';
import { DECODE_PIPELINE_VERSION } from '../pipeline/pipelineVersion.js';
import { LiveHeadScorer } from '../learning/LiveHeadScorer.js';
import { FaceGrouper } from '../people/FaceGrouper.js';
import { storeAnalysis } from './storeAnalysis.js';
import { isMachineErrno, storageFaultOf } from '../library/storageFaults.js';
import type { Place, PlaceGeocoder } from '../places/placeIndex.js';
import { PERCEPTUAL_HASH_VERSION } from '../duplicates/perceptualHash.js';

/**
 * Failures an older Phototag recorded for a photo although the machine caused them (a full disk while writing
 * thumbnails, too many open files): the photo was never the problem, so it goes back to the queue.
 */
const machineFailureReasons: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'internal', pattern: /^cannot write thumbnails: (E[A-Z]+)\b/ },
  { kind: 'unreadable', pattern: /^cannot read the file \((EMFILE|ENFILE|ENOMEM)\)/ },
];

export interface AnalysisRunnerOptions {
  thumbnailsDir: string;
  pipelineVersion: number;
  /** Photos decoded at once; sharp decodes on libuv's threads, so this overlaps I/O, decoding and storing. */
  decodeConcurrency: number;
  maxPixels: number;
  /** A job interrupted this many times (its process died while it ran) is given up as a likely crasher. */
  maxAttempts: number;
  analyzer: PhotoAnalyzer | null;
  /** Names where GPS photos were taken; null leaves places to a later run (the backfill fills them from the GPS). */
  geocoder: PlaceGeocoder | null;
  /** Puts stored faces into people; one per library writer, so its centroid cache is shared. Default: a new one. */
  grouper?: FaceGrouper;
  /** Whether faces are described and grouped now (the library's setting, which may change while the runner runs). Default: yes. */
  faceRecognition?: () => boolean;
}

export interface RunnerProgress {
  done: number;
  failed: number;
}

type Wake = () => void;

/**
 * Drains the persistent job queue: claims jobs, decodes at bounded concurrency, runs the models in batches, and
 * stores each photo's results with its job's completion in one transaction — so a kill at any point leaves each
 * photo either done once or still queued.
 */
export class AnalysisRunner {
  private readonly decodeQueue: PQueue;
  private readonly liveHeads = new LiveHeadScorer();
  private readonly grouper: FaceGrouper;
  private wakeUp: Wake | null = null;
  private stopping = false;
  /** Aborted by stop(): batches still waiting for a model worker are withdrawn. */
  private readonly stopped = new AbortController();
  private inputsDone = false;
  /** The machine fault (full disk, read-only disk…) that stopped the run; its photos stay queued. */
  private fault: Error | null = null;
  /** Place data that failed to load is reported once per run, not once per GPS photo. */
  private placesWarned = false;
  readonly progress: RunnerProgress = { done: 0, failed: 0 };
  private listeners: ((p: RunnerProgress) => void)[] = [];

  constructor(
    private readonly library: LibraryDatabase,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: AnalysisRunnerOptions,
  ) {
    this.decodeQueue = new PQueue({ concurrency: options.decodeConcurrency });
    this.grouper = options.grouper ?? new FaceGrouper();
    // Every batch waiting for a model worker listens to it, as many as the back-pressure window lets in.
    try {
      setMaxListeners(0, this.stopped.signal);
    } catch {
      // A signal from another realm (the component tests' DOM AbortController): Node counts no listeners on it.
    }
  }

  onProgress(listener: (p: RunnerProgress) => void): void {
    this.listeners.push(listener);
  }

  /** New jobs were queued: resume if idle. */
  wake(): void {
    const wake = this.wakeUp;
    this.wakeUp = null;
    wake?.();
  }

  /** No more jobs will be queued; `run` returns once the queue is empty. */
  finishInputs(): void {
    this.inputsDone = true;
    this.wake();
  }

  /**
   * Stop claiming. Batches already inside a model call finish and are stored; jobs still waiting for decoding or
   * for a model worker go back to the queue as they were, so stopping takes one batch's time, not the window's.
   */
  stop(): void {
    this.stopping = true;
    this.stopped.abort();
    this.wake();
  }

  /**
   * Requeues jobs a dead process left running; gives up on those that keep killing it. Also puts back in the queue
   * photos an older Phototag marked failed for a machine fault. That repair runs here, at the start of each run,
   * rather than as a migration: the reasons are free text only the runner knows how to read, it needs the writer
   * lock this run already holds, and it costs one query over the failed photos.
   */
  recoverInterrupted(): void {
    const now = this.clock.now();
    this.library.transaction(() => {
      for (const { kind, pattern } of machineFailureReasons) {
        for (const photo of this.library.photos.failedOfKind(kind)) {
          const code = pattern.exec(photo.reason ?? '')?.[1];
          if (code === undefined || !isMachineErrno(code)) continue;
          this.library.photos.requeueFailed(photo.id);
          this.library.jobs.enqueue(photo.id, photo.contentHash, this.options.pipelineVersion, now);
          this.library.searchIndex.refresh(photo.id);
        }
      }
      for (const job of this.library.jobs.interrupted()) {
        if (job.attempts >= this.options.maxAttempts) {
          this.library.photos.markFailed(job.photoId, 'internal', `the indexer stopped ${job.attempts} times while analysing this photo`, this.options.pipelineVersion, now);
          this.library.searchIndex.refresh(job.photoId);
          this.library.jobs.finish(job.id);
        } else {
          this.library.jobs.requeue(job.id, 'interrupted');
        }
      }
    });
  }

  async run(): Promise<void> {
    const batchSize = this.options.analyzer?.batchSize ?? 1;
    // Back-pressure: enough photos in flight that every model worker has a batch running and one decoded behind
    // it, and no more, so decoding never runs far ahead of inference and memory stays bounded.
    const parallelism = this.options.analyzer?.parallelism ?? 1;
    const window = Math.max(this.options.decodeConcurrency * 2, batchSize * parallelism * 2);
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      if (this.stopping) break;
      const room = window - inFlight.size;
      const jobs = room > 0 ? this.library.jobs.claim(Math.min(room, batchSize > 1 ? batchSize : room), this.clock.now()) : [];
      if (jobs.length > 0) {
        const task = this.process(jobs).finally(() => inFlight.delete(task));
        inFlight.add(task);
        continue;
      }
      if (inFlight.size >= window || (inFlight.size > 0 && room <= 0)) {
        await Promise.race(inFlight);
        continue;
      }
      if (this.inputsDone && inFlight.size === 0) break;
      // Nothing to claim: wait for a job to finish, for new work, or poll (another process may have queued some).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
        if (inFlight.size > 0) void Promise.race(inFlight).then(() => this.wake());
      });
    }
    await Promise.allSettled(inFlight);
    if (this.fault) {
      try {
        this.library.transaction(() => this.library.jobs.releaseRunning(`stopped: ${this.fault?.message ?? 'machine fault'}`));
      } catch {
        // The disk may still refuse writes: the next run finds these jobs running and requeues them itself.
      }
      throw this.fault;
    }
  }

  private warnPlacesOnce(error: Error): void {
    if (this.placesWarned) return;
    this.placesWarned = true;
    this.logger.warn({ err: error.message }, 'cannot name places; photos are stored without them (reinstall Phototag if this persists)');
  }

  /** The machine failed: stop claiming, keep every photo queued, and let `run` end with this error. */
  private stopForFault(error: Error): void {
    this.fault ??= error;
    this.stopping = true;
    // Batches still waiting for a model worker are withdrawn too: their photos stay queued like the rest.
    this.stopped.abort();
    this.wake();
  }

  private async process(jobs: AnalyzeJob[]): Promise<void> {
    const payloads: AnalyzePhotoPayload[] = [];
    const gone: AnalyzeJob[] = [];
    for (const job of jobs) {
      const photo = this.library.photos.byId(job.photoId);
      if (!photo || photo.state === 'missing' || photo.contentHash !== job.contentHash) gone.push(job);
      else payloads.push({ jobId: job.id, photoId: job.photoId, path: photo.path, contentHash: job.contentHash, mtimeMs: photo.mtimeMs });
    }
    if (gone.length > 0) this.library.transaction(() => gone.forEach((job) => this.library.jobs.finish(job.id)));

    const libraryFolders = this.library.folders.list().map((f) => f.path);
    // A decode that has not started when the runner stops is skipped: its job goes back to the queue.
    const outcomes = await Promise.all(
      payloads.map((payload) =>
        this.decodeQueue.add(async () => (this.stopping ? null : decodeStage(payload, { thumbnailsDir: this.options.thumbnailsDir, maxPixels: this.options.maxPixels, libraryFolders })), {
          throwOnTimeout: true,
        }),
      ),
    );
    for (const outcome of outcomes) if (outcome && !outcome.ok && outcome.kind === 'machine') this.stopForFault(outcome.error);
    const skipped = payloads.filter((_, i) => outcomes[i] === null);
    if (skipped.length > 0 || (this.stopping && this.options.analyzer)) {
      // With models, a batch is stored whole after its analysis, so one stopped before the model call goes back
      // whole; without, what was decoded is finished and stored.
      if (this.options.analyzer) {
        this.giveBack(payloads);
        return;
      }
      this.giveBack(skipped);
    }
    const decoded = payloads.flatMap((payload, i) => {
      const outcome = outcomes[i];
      return outcome ? [{ payload, outcome }] : [];
    });
    const analyses = await this.analyze(decoded, libraryFolders);
    if (analyses === null) {
      this.giveBack(payloads);
      return;
    }
    const places = await this.placesOf(decoded.map((d) => d.outcome));
    for (const [i, d] of decoded.entries()) {
      // One photo's transaction at a time, the event loop turning between them: a photo's facts, tags, faces,
      // vectors and search row take 5-7 ms on the EXIF set, a batch of four in one go held the loop 20-25 ms.
      if (i > 0) await yieldToLoop();
      try {
        this.store(d.payload, d.outcome, analyses[i] ?? null, places[i] ?? null);
      } catch (error) {
        // SQLite could not write (disk full, read-only, I/O error): the transaction rolled back, the job stays.
        if (storageFaultOf(error)) this.stopForFault(error as Error);
        else throw error;
      }
    }
  }

  /** Jobs claimed but not analysed when the runner stopped: queued again, as if never claimed. */
  private giveBack(payloads: readonly AnalyzePhotoPayload[]): void {
    try {
      this.library.transaction(() => payloads.forEach((payload) => this.library.jobs.release(payload.jobId)));
    } catch (error) {
      // A disk that refuses the write: the jobs stay 'running', and the fault's release (or the next run) requeues them.
      if (storageFaultOf(error)) this.stopForFault(error as Error);
      else throw error;
    }
  }

  /** null: the batch was withdrawn before a model worker took it (the runner is stopping). */
  private async analyze(batch: { payload: AnalyzePhotoPayload; outcome: DecodeOutcome }[], libraryFolders: readonly string[]): Promise<(PhotoAnalysis | null)[] | null> {
    const analyzer = this.options.analyzer;
    const outcomes = batch.map((b) => b.outcome);
    if (!analyzer) return outcomes.map(() => null);
    const maxPixels = this.options.maxPixels;
    const decoded = batch.flatMap(({ payload, outcome: o }, i) =>
      o.ok
        ? [{ i, input: { preview: o.decoded.preview, metadata: o.decoded.metadata, size: { width: o.decoded.width, height: o.decoded.height }, detail: () => decodeDetail(payload, { maxPixels, libraryFolders }) } }]
        : [],
    );
    const result: (PhotoAnalysis | null)[] = outcomes.map(() => null);
    if (decoded.length === 0) return result;
    try {
      const describeFaces = this.options.faceRecognition?.() ?? true;
      const analyses = await analyzer.analyzeBatch(decoded.map((d) => d.input), { signal: this.stopped.signal, describeFaces });
      decoded.forEach((d, k) => (result[d.i] = analyses[k] ?? null));
    } catch (error) {
      if ((error as Error).name === 'TaskWithdrawnError') return null;
      // The photos are still stored (metadata, thumbnails) under the decode-only version, so the next run with
      // working models analyses them again.
      this.logger.error({ err: (error as Error).message, photos: decoded.length }, 'model analysis failed; photos kept for a later run');
    }
    return result;
  }

  /**
   * The places of a batch's GPS photos, asked before any transaction: the first GPS photo starts the geocoder and
   * loads its data (~0.5 s), which must hold neither the event loop nor the write lock. Each entry is undefined for
   * a photo without GPS (or when the place data is unusable: the photo is stored without a place, and the next
   * pass's backfill tries again from its stored GPS), else its place (null at sea).
   */
  private async placesOf(outcomes: readonly DecodeOutcome[]): Promise<({ place: Place | null } | null)[]> {
    const geocoder = this.options.geocoder;
    const answers: ({ place: Place | null } | null)[] = outcomes.map(() => null);
    if (!geocoder) return answers;
    const asked: { index: number; lat: number; lon: number }[] = [];
    outcomes.forEach((outcome, index) => {
      if (outcome.ok && outcome.facts.gpsLat !== null && outcome.facts.gpsLon !== null) asked.push({ index, lat: outcome.facts.gpsLat, lon: outcome.facts.gpsLon });
    });
    if (asked.length === 0) return answers;
    try {
      const places = await geocoder.placesOf(asked);
      asked.forEach(({ index }, i) => (answers[index] = { place: places[i] ?? null }));
    } catch (error) {
      // Missing or damaged place data must not stop indexing.
      this.warnPlacesOnce(error as Error);
    }
    return answers;
  }

  /** One transaction per photo: its facts, place, tags, caption, faces, search row and the job's completion. */
  private store(payload: AnalyzePhotoPayload, outcome: DecodeOutcome, analysis: PhotoAnalysis | null, named: { place: Place | null } | null): void {
    // Left running: `run` puts it back in the queue when it stops for the fault.
    if (!outcome.ok && outcome.kind === 'machine') return;
    const { library } = this;
    const now = this.clock.now();
    const geocoder = this.options.geocoder;
    library.transaction(() => {
      const photo = library.photos.byId(payload.photoId);
      // The file changed or went while we worked: the newer state already has its own job (or tombstone).
      if (!photo || photo.contentHash !== payload.contentHash || photo.state === 'missing') {
        library.jobs.finish(payload.jobId);
        return;
      }
      if (outcome.ok) {
        const analyzer = this.options.analyzer;
        const analysed = analysis !== null || analyzer === null;
        library.photos.saveFacts(payload.photoId, outcome.facts, analysed ? this.options.pipelineVersion : DECODE_PIPELINE_VERSION, now);
        library.duplicates.saveHashes(payload.photoId, payload.contentHash, PERCEPTUAL_HASH_VERSION, outcome.hashes, now);
        // A photo whose new content lost its GPS loses its place; without a geocoder the backfill names it later.
        // The user's own keywords (file and sidecar) are stored whether or not the models ran.
        library.tags.setFileKeywords(payload.photoId, outcome.keywords, now);
        library.photos.setSidecarSignature(payload.photoId, outcome.sidecarSignature);
        if (named && geocoder) library.places.save(payload.photoId, named.place, geocoder.version);
        else library.places.clear(payload.photoId);
        if (analysis && analyzer) {
          storeAnalysis(library, payload.photoId, analysis, analyzer.version, now, { liveHeads: this.liveHeads, grouper: this.grouper, recognising: this.options.faceRecognition?.() ?? true });
        }
        this.progress.done += 1;
      } else if (outcome.kind === 'vanished') {
        library.photos.markMissing(payload.photoId, now);
      } else if (outcome.kind === 'changed') {
        // The watcher (or the next scan) sees the new content and queues it under its new hash.
      } else {
        library.photos.markFailed(payload.photoId, outcome.kind, outcome.reason, this.options.pipelineVersion, now);
        this.progress.failed += 1;
        this.logger.warn({ photo: payload.path, kind: outcome.kind, reason: outcome.reason }, 'photo failed');
      }
      library.searchIndex.refresh(payload.photoId);
      library.jobs.finish(payload.jobId);
    });
    for (const listener of this.listeners) listener(this.progress);
  }
}
