import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { LearningStatusView, TrainingRunView } from '../../contract/views.js';
import { systemClock, type Clock } from '../adapters/clock.js';
import type { Logger } from '../logging/logger.js';
import type { LearningService } from './LearningService.js';

export interface RetrainSchedulerOptions {
  /** New corrections that start a run by themselves. */
  after?: number;
  /** A run starts only once the user has paused this long, so a burst of corrections trains once. */
  quietMs?: number;
  pollMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Told when a run (or a catch-up re-score) changed tags, e.g. to refresh the UI. */
  onTagsChanged?: () => void;
  /** Whether the library is settled (not mid-index); heads made stale by a new tagger are retrained only then. */
  settled?: () => boolean;
}

/**
 * Starts retraining by itself after enough new corrections (and on demand), and keeps learned tags on photos
 * that were re-analysed. Everything heavy happens in the learning worker; this only polls the log, which is a
 * couple of indexed reads every few seconds.
 */
export class RetrainScheduler {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> | null = null;
  private readonly after: number;
  private readonly quietMs: number;
  private readonly clock: Clock;
  /** Whether the library was settled at the last tick: stale heads are looked for as it settles. */
  private wasSettled = false;

  constructor(
    private readonly library: LibraryDatabase,
    private readonly learning: LearningService,
    private readonly options: RetrainSchedulerOptions = {},
  ) {
    this.after = options.after ?? 20;
    this.quietMs = options.quietMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 5000);
    this.timer.unref();
  }

  /** Corrections made since the last finished run. */
  pendingCorrections(): { count: number; newestAt: number | null } {
    const fresh = this.library.corrections.list(this.library.trainingRuns.correctionsSeen(), 100_000);
    return { count: fresh.length, newestAt: fresh[fresh.length - 1]?.createdAt ?? null };
  }

  /**
   * One check: retrain if enough corrections settled, or if the library was re-analysed by another tagger and
   * its live heads no longer read the vectors; else re-apply heads to re-analysed photos.
   */
  async tick(): Promise<void> {
    if (this.busy) return;
    const pending = this.pendingCorrections();
    const settled = pending.newestAt !== null && this.clock.now() - pending.newestAt >= this.quietMs;
    const retrain = (pending.count >= this.after && settled) || this.headsWentStale();
    const work = retrain ? this.learning.retrain({ trigger: 'auto' }).then((run) => run.tags.some((t) => t.decision === 'swapped')) : this.learning.catchUp().then((r) => (r?.photosChanged ?? 0) > 0);
    this.busy = work;
    try {
      if (await work) this.options.onTagsChanged?.();
    } catch (error) {
      this.options.logger?.error({ err: (error as Error).message }, 'background learning failed; it is tried again after the next corrections');
    } finally {
      this.busy = null;
    }
  }

  /**
   * Looked for when the library settles (at start, and after each indexing run), not on every tick: this process
   * is the library's only writer, so its vectors change version only by a re-index, and a run that ends settles
   * the library once. A head that stays stale (its retrained version was worse) so causes no loop, and the check's
   * read of every vector version (~40 ms at 200,000 photos) runs once per indexing run.
   */
  private headsWentStale(): boolean {
    const settled = this.options.settled?.() ?? true;
    const justSettled = settled && !this.wasSettled;
    this.wasSettled = settled;
    return justSettled && this.learning.staleHeads() > 0;
  }

  /** Retrains now (queued behind a run in progress). */
  async runNow(tags?: readonly string[]): Promise<TrainingRunView> {
    const run = await this.learning.retrain({ trigger: 'manual', ...(tags ? { tags } : {}) });
    if (run.tags.some((t) => t.decision === 'swapped')) this.options.onTagsChanged?.();
    return run;
  }

  cancel(): boolean {
    return this.learning.cancel();
  }

  status(): LearningStatusView {
    const activity = this.learning.activity();
    const [last] = this.learning.runs(1);
    return {
      state: activity ? activity.kind : 'idle',
      progress: activity ? { phase: activity.progress.phase, done: activity.progress.done, total: activity.progress.total } : null,
      pendingCorrections: this.pendingCorrections().count,
      autoRetrainAfter: this.after,
      lastRun: last ?? null,
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.learning.cancel();
    await this.busy?.catch(() => undefined);
  }
}
