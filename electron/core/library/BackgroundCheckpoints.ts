import type { Worker } from 'node:worker_threads';
import { siblingModule, spawnModuleWorker } from '../../../native-models/pool/spawnModuleWorker.js';
import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { defaultAutoCheckpointPages, walBytes } from '../../../db/walCheckpoints.js';
import type { Logger } from '../logging/logger.js';

export interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
  /** An Int32 the worker sets to 1 once its connection is closed. */
  closed: SharedArrayBuffer;
}

export type CheckpointWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'checkpointed'; busy: boolean; logFrames: number; checkpointedFrames: number; ms: number }
  | { kind: 'failed'; message: string };

export interface BackgroundCheckpointOptions {
  /** How often the library's write-ahead log size is looked at before the thread is started. */
  probeMs: number;
  /** The thread starts once the log is this large: a library that is only read or barely written never starts it. */
  startBytes: number;
  /** How often the thread copies the log into the file. */
  intervalMs: number;
  /** The writer's own threshold while the thread runs: only reached if the thread falls far behind. */
  backstopPages: number;
  /** How long closing waits for the thread to let go of the file. */
  closeWaitMs: number;
}

/**
 * SQLite copies the write-ahead log back into the database file (a checkpoint) on the connection whose commit
 * filled it, and syncs the file: on the writer's thread, which in the app is the main process answering the
 * window. On a disk busy with other programs' I/O that sync took 150–390 ms here. 64 MB of log (~16,000 pages)
 * stays far below what a cold start would mind replaying.
 */
export const backgroundCheckpointDefaults: BackgroundCheckpointOptions = {
  probeMs: 5_000,
  startBytes: 1 << 20,
  intervalMs: 1_000,
  backstopPages: 16_000,
  closeWaitMs: 3_000,
};

/**
 * Checkpoints a writable library from a thread of their own, started once the library is being written to. The
 * writer's automatic checkpoints are raised to a backstop only while that thread is up, and put back when it fails
 * or closes, so the log is always copied by someone.
 */
export class BackgroundCheckpoints {
  private worker: Worker | null = null;
  private closed: Int32Array | null = null;
  private probe: NodeJS.Timeout | null = null;
  private probing = false;
  private stopped = false;
  private failed = false;
  /** Frames copied by the thread so far (tests, logs). */
  checkpointedFrames = 0;

  private constructor(
    private readonly db: LibraryDatabase,
    private readonly logger: Logger,
    private readonly options: BackgroundCheckpointOptions,
  ) {}

  /** Watches `db`'s log and starts the thread when it grows; nothing for a read-only library. */
  static watch(db: LibraryDatabase, logger: Logger, options: Partial<BackgroundCheckpointOptions> = {}): BackgroundCheckpoints {
    const checkpoints = new BackgroundCheckpoints(db, logger, { ...backgroundCheckpointDefaults, ...options });
    if (db.writable) {
      checkpoints.probe = setInterval(() => void checkpoints.lookAtLog(), checkpoints.options.probeMs);
      checkpoints.probe.unref();
    }
    return checkpoints;
  }

  /** Whether the thread is up and the writer's checkpoints deferred to it. */
  get running(): boolean {
    return this.worker !== null && this.db.autoCheckpointPages() === this.options.backstopPages;
  }

  private async lookAtLog(): Promise<void> {
    if (this.probing || this.worker || this.stopped || this.failed) return;
    this.probing = true;
    try {
      if ((await walBytes(this.db.file)) >= this.options.startBytes && !this.stopped) this.start();
    } finally {
      this.probing = false;
    }
  }

  private start(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    const closed = new SharedArrayBuffer(4);
    this.closed = new Int32Array(closed);
    const data: CheckpointWorkerData = { file: this.db.file, intervalMs: this.options.intervalMs, closed };
    const worker = spawnModuleWorker(siblingModule(import.meta.url, 'walCheckpointWorker'), { workerData: data });
    worker.unref();
    this.worker = worker;
    worker.on('message', (message: CheckpointWorkerMessage) => {
      if (this.stopped) return;
      if (message.kind === 'ready') this.db.setAutoCheckpointPages(this.options.backstopPages);
      else if (message.kind === 'checkpointed') this.checkpointedFrames += message.checkpointedFrames;
      else this.fail(message.message);
    });
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', (code) => {
      if (!this.stopped) this.fail(`the thread exited with code ${code}`);
    });
  }

  private fail(reason: string): void {
    if (this.failed || this.stopped) return;
    this.failed = true;
    this.worker = null;
    // The writer checkpoints for itself again, as without the thread.
    if (this.db.writable) this.db.setAutoCheckpointPages(defaultAutoCheckpointPages);
    this.logger.warn({ reason }, 'background checkpoints stopped: the library copies its log on the main thread again');
  }

  /**
   * Stops the thread and waits (briefly, blocking) until it has let go of the file, so that the writer's own close
   * is the last and leaves a whole database file behind, as without the thread. Call before closing `db`.
   */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    const worker = this.worker;
    this.worker = null;
    if (!worker || !this.closed) return;
    if (this.db.writable) this.db.setAutoCheckpointPages(defaultAutoCheckpointPages);
    worker.postMessage('close');
    Atomics.wait(this.closed, 0, 0, this.options.closeWaitMs);
    void worker.terminate().catch(() => undefined);
  }
}
