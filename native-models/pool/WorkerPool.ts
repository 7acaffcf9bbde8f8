import type { Transferable, Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';
import { spawnModuleWorker } from './spawnModuleWorker.js';

export interface WorkerPoolOptions {
  /** Human name for errors and logs, e.g. 'tagger'. */
  name: string;
  size: number;
  workerUrl: URL;
  workerData?: unknown;
  /** How many times a crashed worker is replaced before the pool gives up. */
  maxRestarts?: number;
  /** An idle worker does not keep the process alive (for pools started on demand, e.g. a decoder). */
  unrefWhenIdle?: boolean;
}

export class WorkerPoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerPoolError';
  }
}

/** A task taken back before any worker started it (see `run`'s signal); nothing of it ran. */
export class TaskWithdrawnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskWithdrawnError';
  }
}

interface Task<Req, Res> {
  id: number;
  payload: Req;
  transfer: readonly Transferable[];
  resolve: (value: Res) => void;
  reject: (error: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  busy: Task<Req, Res> | null;
}

/**
 * A fixed set of worker threads, each with its own model backend, fed one task at a time. Tasks wait in order
 * when every worker is busy; a crashed worker fails only its own task and is replaced.
 */
export class WorkerPool<Req, Res, Info = unknown> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly waiting: Task<Req, Res>[] = [];
  private nextId = 1;
  private restarts = 0;
  private closed = false;
  infos: Info[] = [];

  private constructor(private readonly options: WorkerPoolOptions) {}

  /** Starts every worker and waits until each has loaded its model (or one fails to). */
  static async start<Req, Res, Info>(options: WorkerPoolOptions): Promise<WorkerPool<Req, Res, Info>> {
    const pool = new WorkerPool<Req, Res, Info>(options);
    try {
      pool.infos = await Promise.all(Array.from({ length: Math.max(1, options.size) }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.busy).length;
  }

  /**
   * Runs `payload` on the next free worker. When `signal` aborts while the task still waits for one, it is taken
   * out of the queue and rejects with TaskWithdrawnError (a caller that is stopping gives its work back rather than
   * wait behind every queued batch); a task a worker has started always runs to its end.
   */
  run(payload: Req, transfer: readonly Transferable[] = [], signal?: AbortSignal): Promise<Res> {
    if (this.closed) return Promise.reject(new WorkerPoolError(`the ${this.options.name} pool is closed`));
    const withdrawn = () => new TaskWithdrawnError(`the ${this.options.name} task was withdrawn before it ran`);
    if (signal?.aborted) return Promise.reject(withdrawn());
    return new Promise<Res>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(task);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        reject(withdrawn());
      };
      const settle = () => signal?.removeEventListener('abort', onAbort);
      const task: Task<Req, Res> = {
        id: this.nextId++,
        payload,
        transfer,
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(task);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new WorkerPoolError(`the ${this.options.name} pool closed before this task ran`));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private spawn(): Promise<Info> {
    return new Promise<Info>((resolve, reject) => {
      const worker = spawnModuleWorker(this.options.workerUrl, { workerData: this.options.workerData });
      const slot: Slot<Req, Res> = { worker, busy: null };
      let ready = false;
      worker.on('message', (message: FromWorker<Res, Info>) => {
        if (message.type === 'ready') {
          ready = true;
          this.slots.push(slot);
          resolve(message.info);
          this.dispatch();
          if (this.options.unrefWhenIdle && !slot.busy) worker.unref();
        } else if (message.type === 'init-error') {
          reject(new WorkerPoolError(message.message));
          void worker.terminate();
        } else {
          const task = slot.busy;
          slot.busy = null;
          if (this.options.unrefWhenIdle) worker.unref();
          if (task && task.id === message.id) {
            if (message.ok) task.resolve(message.value);
            else task.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
          }
          this.dispatch();
        }
      });
      const crashed = (error: Error) => {
        if (!ready) {
          reject(new WorkerPoolError(`a ${this.options.name} worker failed to start: ${error.message}`));
          return;
        }
        this.replace(slot, error);
      };
      worker.on('error', crashed);
      worker.on('exit', (code) => {
        if (!this.closed && this.slots.includes(slot)) crashed(new Error(`exited with code ${code}`));
      });
    });
  }

  private replace(slot: Slot<Req, Res>, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.busy?.reject(new WorkerPoolError(`a ${this.options.name} worker crashed while running this task: ${error.message}`));
    slot.busy = null;
    if (this.closed) return;
    if (this.restarts >= (this.options.maxRestarts ?? 3)) {
      if (this.slots.length === 0) {
        for (const task of this.waiting.splice(0)) task.reject(new WorkerPoolError(`every ${this.options.name} worker crashed: ${error.message}`));
      }
      return;
    }
    this.restarts += 1;
    this.spawn().catch((e: Error) => {
      if (this.slots.length === 0) for (const task of this.waiting.splice(0)) task.reject(e);
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const task = this.waiting.shift();
      if (!task) return;
      slot.busy = task;
      if (this.options.unrefWhenIdle) slot.worker.ref();
      const message: ToWorker<Req> = { type: 'task', id: task.id, payload: task.payload };
      slot.worker.postMessage(message, [...task.transfer]);
    }
  }
}
