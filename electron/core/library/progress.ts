import type { IndexProgressView } from '../../contract/views.js';
import type { RunnerProgress } from '../jobs/AnalysisRunner.js';

/**
 * The progress picture is the contract's: phase, files found and scanned, photos queued, done and failed, the rate
 * over the last few seconds (photos/s) and the time left at that rate (null until known).
 */
export type IndexProgress = IndexProgressView;

/** Turns scan and runner events into one progress picture, throttled for shells that draw it. */
export class ProgressTracker {
  private readonly state: IndexProgress;
  private readonly samples: { t: number; n: number }[] = [];
  private lastEmit = 0;
  private scanDone = false;
  private trailing: NodeJS.Timeout | null = null;
  private closed = false;

  /**
   * `queuedCount` is asked only when an update goes out (at most every 100 ms): counting the queue once per
   * photo would make a 200,000-photo scan quadratic.
   */
  constructor(
    private readonly queuedCount: () => number,
    private readonly listener?: (p: IndexProgress) => void,
  ) {
    this.state = { phase: 'scanning', found: 0, scanned: 0, queued: queuedCount(), done: 0, failed: 0, rate: 0, etaSeconds: null };
  }

  found(n: number): void {
    this.state.found += n;
    this.emit();
  }

  scanned(): void {
    this.state.scanned += 1;
    this.emit();
  }

  scanFinished(): void {
    this.scanDone = true;
    this.emit(true);
  }

  analysed(progress: RunnerProgress): void {
    this.state.done = progress.done;
    this.state.failed = progress.failed;
    const now = Date.now();
    // One sample per 100 ms is plenty for a rate over the last 10 s.
    const last = this.samples[this.samples.length - 1];
    if (!last || now - last.t >= 100) this.samples.push({ t: now, n: progress.done + progress.failed });
    while (this.samples.length > 2 && now - (this.samples[0] as { t: number }).t > 10_000) this.samples.shift();
    const first = this.samples[0] as { t: number; n: number };
    const seconds = (now - first.t) / 1000;
    this.state.rate = seconds > 0.5 ? (progress.done + progress.failed - first.n) / seconds : 0;
    this.emit();
  }

  /** The last word of a pass: always sent, so a UI never stays on a stale count. Nothing is sent after it. */
  finished(): void {
    this.scanDone = true;
    this.emit(true);
    this.closed = true;
  }

  snapshot(): IndexProgress {
    this.refresh();
    return { ...this.state };
  }

  private refresh(): void {
    const queued = this.queuedCount();
    this.state.queued = queued;
    this.state.etaSeconds = this.state.rate > 0 ? queued / this.state.rate : null;
    this.state.phase = !this.scanDone ? 'scanning' : queued > 0 ? 'analysing' : 'idle';
  }

  /** Throttled to one update per 100 ms, with a trailing one so the latest state always goes out. */
  private emit(force = false): void {
    if (!this.listener || this.closed) return;
    const wait = 100 - (Date.now() - this.lastEmit);
    if (!force && wait > 0) {
      this.trailing ??= setTimeout(() => {
        this.trailing = null;
        this.emit(true);
      }, wait).unref();
      return;
    }
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = null;
    this.lastEmit = Date.now();
    this.listener(this.snapshot());
  }
}
