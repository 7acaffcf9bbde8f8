import { WorkerPool } from '../../../native-models/pool/WorkerPool.js';
import { siblingModule } from '../../../native-models/pool/spawnModuleWorker.js';
import { controlPhases, controlSlot, type ControlPhase, type LearningRequest, type LearningResponse, type PreviewComputation, type PreviewRequest, type RetrainComputation, type RetrainRequest, type ScoreComputation, type ScoreRequest } from './learningProtocol.js';

export interface LearningProgress {
  phase: ControlPhase;
  done: number;
  total: number;
}

type WithoutControl<T> = Omit<T, 'control' | 'type'>;

/** A job running in the worker: its result, and handles to watch and stop it. */
export interface LearningJob<T> {
  result: Promise<T>;
  progress(): LearningProgress;
  cancel(): void;
}

/**
 * The learning worker thread, started on first use: one thread, since training is one job at a time and the
 * other core belongs to indexing. Every job gets its own control block for progress and cancellation.
 */
export class LearningWorker {
  private pool: Promise<WorkerPool<LearningRequest, LearningResponse, { ready: true }>> | null = null;

  private start(): Promise<WorkerPool<LearningRequest, LearningResponse, { ready: true }>> {
    this.pool ??= WorkerPool.start<LearningRequest, LearningResponse, { ready: true }>({
      name: 'learning',
      size: 1,
      workerUrl: siblingModule(import.meta.url, 'learningWorkerThread'),
    }).catch((error: Error) => {
      this.pool = null;
      throw error;
    });
    return this.pool;
  }

  retrain(request: WithoutControl<RetrainRequest>): LearningJob<RetrainComputation> {
    return this.job((control) => ({ ...request, type: 'retrain', control }));
  }

  preview(request: WithoutControl<PreviewRequest>): LearningJob<PreviewComputation> {
    return this.job((control) => ({ ...request, type: 'preview', control }));
  }

  score(request: WithoutControl<ScoreRequest>): LearningJob<ScoreComputation> {
    return this.job((control) => ({ ...request, type: 'score', control }));
  }

  private job<T extends LearningResponse>(build: (control: SharedArrayBuffer) => LearningRequest): LearningJob<T> {
    const control = new SharedArrayBuffer(4 * 4);
    const slots = new Int32Array(control);
    const result = this.start().then((pool) => pool.run(build(control)) as Promise<T>);
    return {
      result,
      progress: () => ({
        phase: controlPhases[Atomics.load(slots, controlSlot.phase)] ?? 'idle',
        done: Atomics.load(slots, controlSlot.done),
        total: Atomics.load(slots, controlSlot.total),
      }),
      cancel: () => Atomics.store(slots, controlSlot.cancel, 1),
    };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool.catch(() => null))?.close();
  }
}
