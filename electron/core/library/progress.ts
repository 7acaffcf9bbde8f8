import type { RunnerProgress } from '../jobs/AnalysisRunner.js';

export interface IndexProgress {
  phase: 'scanning' | 'analysing' | 'idle';
  /** Photo files found on disk so far. */
  found: number;
  /** Files looked at by the scan so far. */
  scanned: number;
  /** Photos waiting for analysis. */
  queued: number;
  done: number;
  failed: number;
  /** Photos analysed per second over the last few seconds. */
  rate: number;
  /** Seconds until the queue is empty at that rate, when known. */
  etaSeconds: number | null;
}

/** Turns scan and runner events into one progress picture, throttled for shells that draw it. */
export class ProgressTracker {
  private readonly state: IndexProgress;
  private readonly samples: { t: number; n: number }[] = [];
  private lastEmit = 0;

  constructor(queued: number, private readonly listener?: (p: IndexProgress) => void) {
    this.state = { phase: 'scanning', found: 0, scanned: 0, queued, done: 0, failed: 0, rate: 0, etaSeconds: null };
  }

  found(n: number): void {
    this.state.found += n;
    this.emit();
  }

  scanned(queued: number): void {
    this.state.scanned += 1;
    this.state.queued = queued;
    this.emit();
  }

  scanFinished(): void {
    this.state.phase = this.state.queued > 0 ? 'analysing' : 'idle';
    this.emit(true);
  }

  analysed(progress: RunnerProgress, queued: number): void {
    this.state.done = progress.done;
    this.state.failed = progress.failed;
    this.state.queued = queued;
    const now = Date.now();
    this.samples.push({ t: now, n: progress.done + progress.failed });
    while (this.samples.length > 2 && now - (this.samples[0] as { t: number }).t > 10_000) this.samples.shift();
    const first = this.samples[0] as { t: number; n: number };
    const seconds = (now - first.t) / 1000;
    this.state.rate = seconds > 0.5 ? (progress.done + progress.failed - first.n) / seconds : 0;
    this.state.etaSeconds = this.state.rate > 0 ? queued / this.state.rate : null;
    if (this.state.phase !== 'scanning') this.state.phase = queued > 0 ? 'analysing' : 'idle';
    this.emit(queued === 0);
  }

  snapshot(): IndexProgress {
    return { ...this.state };
  }

  private emit(force = false): void {
    if (!this.listener) return;
    const now = Date.now();
    if (!force && now - this.lastEmit < 100) return;
    this.lastEmit = now;
    this.listener(this.snapshot());
  }
}
