import fs from 'node:fs';
import type { ImprovingView, IndexProgressView, IndexerView, TextReadingProgressView } from '../../contract/views.js';
import { LibraryError } from '../library/errors.js';
import type { LibraryService } from '../library/LibraryService.js';
import type { IndexProgress } from '../library/progress.js';
import type { Logger } from '../logging/logger.js';
import { describeWatcherError } from '../watcher/describeWatcherError.js';
import { describeStorageFault, storageFaultDetails } from '../library/storageFaults.js';
import type { FolderEvent } from '../watcher/watchFolders.js';

export interface IndexingLoopOptions {
  /** Watch the folders and follow changes (true), or index only when asked (false). */
  watch: boolean;
  onProgress(progress: IndexProgressView): void;
  /** The indexer started, stopped or hit a problem. */
  onStateChange(state: IndexerView['state']): void;
  /** The background re-tagging ('fast then accurate') stored more photos. */
  onImprove?(progress: ImprovingView): void;
  /** The background text reading stored more photos. */
  onText?(progress: TextReadingProgressView): void;
  /** After a machine fault (full or read-only disk), how long to wait before trying again; default a minute. */
  retryAfterMs?: number;
}

const scanning: IndexProgressView = { phase: 'scanning', found: 0, scanned: 0, queued: 0, done: 0, failed: 0, rate: 0, etaSeconds: null };

/**
 * Runs the library's indexer in the background while the host keeps answering calls. In watch mode that is
 * LibraryService.watch, restarted when the folders change (the watcher and the scan take the folder list when
 * they start); otherwise one index pass per request. Requests that arrive while a restart is under way are
 * folded into it.
 */
export class IndexingLoop {
  private current: { controller: AbortController; finished: Promise<void> } | null = null;
  private restarting: Promise<void> | null = null;
  private restartWanted = false;
  private closed = false;
  private latest: IndexProgressView | null = null;
  private problem: string | null = null;
  private state: IndexerView['state'] = 'stopped';
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly library: LibraryService,
    private readonly logger: Logger,
    private readonly options: IndexingLoopOptions,
  ) {}

  progress(): IndexProgressView | null {
    return this.latest === null ? null : { ...this.latest };
  }

  view(): Omit<IndexerView, 'models'> {
    return { state: this.state, problem: this.problem };
  }

  start(): void {
    if (this.options.watch) this.requestRun();
  }

  /**
   * Scan again soon: after a folder was added or removed, or the user asked. Returns at once; the progress goes
   * back to "scanning" right away so nobody mistakes the previous pass's "idle" for this one's.
   */
  requestRun(): void {
    if (this.closed) return;
    this.publish(scanning);
    this.setState('indexing');
    this.restartWanted = true;
    this.restarting ??= this.restartUntilSettled();
  }

  private async restartUntilSettled(): Promise<void> {
    try {
      while (this.restartWanted && !this.closed) {
        this.restartWanted = false;
        await this.stopCurrent();
        if (!this.closed) this.current = this.launch();
      }
    } finally {
      // In the same tick as the last check of restartWanted: a request arriving later starts a new round.
      this.restarting = null;
    }
  }

  /** Stops the indexer and waits until the work in flight is stored. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.restarting;
    await this.stopCurrent();
    this.setState('stopped');
  }

  /** Starts one watch (or one index pass); `finished` settles when it has ended, never rejects. */
  private launch(): { controller: AbortController; finished: Promise<void> } {
    const controller = new AbortController();
    const onProgress = (p: IndexProgress) => {
      this.publish(p);
      this.setState(p.phase === 'idle' ? (this.options.watch ? 'watching' : 'stopped') : 'indexing');
    };
    this.problem = null;
    // LibraryService.watch never gets going without a folder on disk to watch (chokidar is never "ready" on an
    // empty list) and would not see its abort: with nothing to watch there is nothing to do until a folder comes.
    if (!this.library.folders().some((folder) => fs.existsSync(folder.path))) {
      this.publish({ ...scanning, phase: 'idle' });
      this.setState(this.options.watch ? 'watching' : 'stopped');
      return { controller, finished: Promise.resolve() };
    }
    // A watcher failure (the inotify limit on a big library) leaves indexing going; the user is told what to do.
    const onEvent = (event: FolderEvent) => {
      if (event.type === 'error') this.problem = describeWatcherError(event.error);
    };
    const onImprove = (p: ImprovingView) => this.options.onImprove?.(p);
    const onText = (p: TextReadingProgressView) => this.options.onText?.(p);
    const run = this.options.watch ? this.library.watch(controller.signal, onProgress, onEvent, onImprove, onText) : this.library.index(onProgress).then(() => undefined);
    const finished = run.then(
      () => {
        if (!this.options.watch) this.setState('stopped');
      },
      (error: Error) => {
        // library-busy: another Phototag holds the writer lock. The host keeps serving; a later request retries.
        this.problem = error instanceof LibraryError ? error.message : `indexing stopped: ${error.message}`;
        // A full or read-only disk: its photos stayed queued, and once there is room indexing carries on by itself.
        const fault = storageFaultDetails(error);
        if (fault) {
          const retryMs = this.options.retryAfterMs ?? 60_000;
          this.problem = describeStorageFault(fault, `indexing resumes by itself (it tries again every ${Math.max(1, Math.round(retryMs / 1000))} s)`);
          this.scheduleRetry(retryMs);
        }
        this.logger.error({ err: error.message }, 'indexer stopped');
        if (this.latest?.phase !== 'idle') this.publish({ ...(this.latest ?? scanning), phase: 'idle' });
        this.setState('blocked');
      },
    );
    return { controller, finished };
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.requestRun();
    }, ms);
    // A retry alone must not keep a process alive that is otherwise done.
    this.retryTimer.unref();
  }

  private async stopCurrent(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = null;
    current.controller.abort();
    await current.finished;
  }

  private publish(progress: IndexProgressView): void {
    this.latest = { ...progress };
    this.options.onProgress({ ...progress });
  }

  private setState(state: IndexerView['state']): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onStateChange(state);
  }
}
