import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { TrainingTrigger } from '../../../db/repositories/TrainingRunRepository.js';
import { learningRecipe } from '../../../native-models/learning/learningRecipe.js';
import type { TrainingRunView } from '../../contract/views.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import { LibraryError } from '../library/errors.js';
import type { Logger } from '../logging/logger.js';
import { countStaleHeads, modelClassOf } from './learningInputs.js';
import type { PreviewComputation, RetrainComputation } from './learningProtocol.js';
import { LearningWorker, type LearningJob, type LearningProgress } from './LearningWorker.js';
import { tagReport, trainingRunView, type StoredRunSummary } from './learningViews.js';
import { writeLearnedTags, type WriteSummary } from './writeLearnedTags.js';

export interface LearningServiceOptions {
  /** The library's SQLite file, which the worker opens read-only. */
  dbFile: string;
  clock?: Clock;
  logger?: Logger;
  /** The analyzer's tag threshold; learned corrections of model tags keep the same bar. */
  modelThreshold?: number;
}

export interface RescoreSummary extends WriteSummary {
  photos: number;
  tags: number;
  loadMs: number;
  scoreMs: number;
  totalMs: number;
}

const rescoredThroughKey = 'rescored_vectors_through';

/**
 * Retraining and re-scoring: trains heads in the learning worker, stores every version that goes live (so any
 * can be rolled back to), records each run with per-tag before/after metrics and curves, and writes the live
 * heads' tags from stored vectors. Jobs run one at a time; each can be watched and cancelled.
 */
export class LearningService {
  private readonly worker = new LearningWorker();
  private readonly clock: Clock;
  private queue: Promise<unknown> = Promise.resolve();
  private running: { kind: 'training' | 'scoring'; job: LearningJob<unknown> } | null = null;
  readonly modelThreshold: number;

  constructor(
    private readonly library: LibraryDatabase,
    private readonly options: LearningServiceOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.modelThreshold = options.modelThreshold ?? learningRecipe.correction.defaultThreshold;
  }

  /** Marks runs a dead process left 'running' as failed. Only the library's writer may call this, at start. */
  recoverInterrupted(): number {
    return this.library.trainingRuns.abandonRunning(this.clock.now());
  }

  /** What the worker is doing now, if anything. */
  activity(): { kind: 'training' | 'scoring'; progress: LearningProgress } | null {
    return this.running ? { kind: this.running.kind, progress: this.running.job.progress() } : null;
  }

  /** Stops the job in progress (a run ends 'cancelled' and changes nothing). False when nothing runs. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.job.cancel();
    return true;
  }

  /** Trains every tag with enough labels (or just `tags`), swaps in the heads that are not worse, re-scores them. */
  retrain(options: { trigger: TrainingTrigger; tags?: readonly string[]; signal?: AbortSignal }): Promise<TrainingRunView> {
    return this.exclusive(async () => {
      const { library } = this;
      const runId = library.trainingRuns.start(options.trigger, library.corrections.lastId(), this.clock.now());
      try {
        const job = this.worker.retrain({ dbFile: this.options.dbFile, tags: options.tags ? [...options.tags] : null, modelThreshold: this.modelThreshold });
        if (options.signal?.aborted) job.cancel();
        options.signal?.addEventListener('abort', () => job.cancel(), { once: true });
        const result = await this.track('training', job);
        const swapped = this.store(runId, result);
        const rescore = swapped.length > 0 && !result.cancelled ? await this.rescoreNow(swapped, null) : null;
        const summary: StoredRunSummary = { waiting: result.waiting, swapped: swapped.length, collectMs: result.collectMs };
        library.trainingRuns.finish(
          runId,
          { state: result.cancelled ? 'cancelled' : 'done', trainMs: result.collectMs + result.trainMs, rescoreMs: rescore?.totalMs ?? null, summary: JSON.stringify(summary), error: null },
          this.clock.now(),
        );
        this.options.logger?.info({ run: runId, trained: result.trained.length, swapped: swapped.length, trainMs: result.trainMs, rescoreMs: rescore?.totalMs }, 'retrained');
      } catch (error) {
        library.trainingRuns.finish(runId, { state: 'failed', trainMs: null, rescoreMs: null, summary: null, error: (error as Error).message }, this.clock.now());
        throw error;
      }
      return this.runView(runId);
    });
  }

  /** Re-scores tags (null: every live head) on all photos (or the listed ones) from stored vectors. */
  rescore(tagIds: readonly number[] | null, photoIds: readonly number[] | null = null): Promise<RescoreSummary> {
    return this.exclusive(() => this.rescoreNow(tagIds, photoIds));
  }

  /**
   * Re-applies the live heads to photos re-analysed since the last call: a re-index writes the analyzer's raw
   * tags (TagRepository.setModelTags), and this puts the learned ones back. Cheap when nothing changed.
   */
  catchUp(): Promise<RescoreSummary | null> {
    return this.exclusive(async () => {
      const through = Number(this.library.learningLabels.getState(rescoredThroughKey) ?? '0');
      const latest = this.library.vectorMatrix.latestUpdate();
      if (latest <= through) return null;
      const changed = this.library.vectorMatrix.changedSince(through);
      const result = this.library.heads.active().length > 0 && changed.length > 0 ? await this.rescoreNow(null, changed) : null;
      this.library.learningLabels.setState(rescoredThroughKey, String(latest));
      return result;
    });
  }

  /**
   * Live heads that cannot read the library's current vectors: the tagger changed (another profile, new weights),
   * so they score nothing until retrained on the new vectors.
   */
  staleHeads(): number {
    return countStaleHeads(this.library);
  }

  /**
   * What a tag taught from `examples` would tag, trained in the worker exactly as teaching would train it, with
   * nothing stored: the "would tag N photos" the user sees before the tag goes live.
   */
  preview(tag: string, examples: readonly number[], sampleSize: number): Promise<PreviewComputation> {
    return this.exclusive(() => this.track('training', this.worker.preview({ dbFile: this.options.dbFile, tag, examples: [...examples], sampleSize, modelThreshold: this.modelThreshold })));
  }

  /** Makes an earlier version of a tag's head live again (null: no head; a model tag goes back to the model). */
  rollback(tag: string, version: number | null): Promise<RescoreSummary> {
    const resolved = this.library.tags.resolve(tag);
    if (!resolved) throw new LibraryError('bad-request', `There is no tag "${tag}" in the library. See the tags with: phototag tags`);
    if (version !== null && !this.library.heads.byVersion(resolved.id, version)) {
      const known = this.library.heads.versions(resolved.id).map((h) => h.version);
      throw new LibraryError('bad-request', `Tag "${resolved.name}" has no learned version ${version}. ${known.length ? `Its versions are ${known.join(', ')}.` : 'It has none yet: teach it first.'}`);
    }
    return this.exclusive(async () => {
      this.library.heads.activate(resolved.id, version);
      return this.rescoreNow([resolved.id], null);
    });
  }

  runView(runId: number): TrainingRunView {
    const row = this.library.trainingRuns.get(runId);
    if (!row) throw new LibraryError('bad-request', `There is no training run ${runId}. List the runs with: phototag retrain --history`);
    return trainingRunView(this.library, row);
  }

  runs(limit: number): TrainingRunView[] {
    return this.library.trainingRuns.list(limit).map((row) => trainingRunView(this.library, row));
  }

  /** Whether a tag is one the model knows (its learning corrects the model) or one the user invented. */
  learningKind(tag: string): 'new-tag' | 'correction' {
    return modelClassOf(tag) === null ? 'new-tag' : 'correction';
  }

  async close(): Promise<void> {
    this.cancel();
    await this.queue.catch(() => undefined);
    await this.worker.close();
  }

  private store(runId: number, result: RetrainComputation): number[] {
    const { library } = this;
    const now = this.clock.now();
    const swapped: number[] = [];
    library.transaction(() => {
      for (const trained of result.trained) {
        const swap = trained.swap && !result.cancelled;
        let version: number | null = null;
        let headId: number | null = null;
        if (swap) {
          const metrics = { evaluatedOn: trained.evaluation.on, heldOutF1: trained.evaluation.on !== 'training' ? trained.evaluation.after.f1 : null, trainingF1: trained.evaluation.after.f1 };
          const stored = library.heads.insert({ tagId: trained.tagId, kind: trained.kind, head: JSON.stringify(trained.head), metrics: JSON.stringify(metrics), runId }, now);
          library.heads.activate(trained.tagId, stored.version);
          version = stored.version;
          headId = stored.id;
          swapped.push(trained.tagId);
        }
        library.trainingRuns.addTagResult({
          runId,
          tagId: trained.tagId,
          headId,
          decision: swap ? 'swapped' : result.cancelled ? 'skipped' : 'kept',
          reason: result.cancelled ? 'the run was cancelled' : trained.reason,
          report: JSON.stringify(tagReport(trained, version)),
        });
      }
    });
    return swapped;
  }

  private async rescoreNow(tagIds: readonly number[] | null, photoIds: readonly number[] | null): Promise<RescoreSummary> {
    const started = performance.now();
    const job = this.worker.score({ dbFile: this.options.dbFile, tagIds: tagIds ? [...tagIds] : null, photoIds: photoIds ? [...photoIds] : null, modelThreshold: this.modelThreshold });
    const scores = await this.track('scoring', job);
    const written = writeLearnedTags(this.library, scores, this.clock.now());
    return { ...written, photos: scores.photos, tags: scores.tags.length, loadMs: scores.loadMs, scoreMs: scores.scoreMs, totalMs: Math.round(performance.now() - started) };
  }

  private async track<T>(kind: 'training' | 'scoring', job: LearningJob<T>): Promise<T> {
    this.running = { kind, job: job as LearningJob<unknown> };
    try {
      return await job.result;
    } finally {
      this.running = null;
    }
  }

  /** Runs jobs one after another: a retrain and a rollback must never interleave their writes. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
