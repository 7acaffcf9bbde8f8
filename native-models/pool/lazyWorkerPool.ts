import { WorkerPool, type WorkerPoolOptions } from './WorkerPool.js';

/** A pool started by its first task (a failed start is tried again by the next one) and stopped on demand. */
export interface LazyWorkerPool<Req, Res> {
  get(): Promise<WorkerPool<Req, Res>>;
  /** Stops the workers (tests, shutdown); the next task starts them again. */
  close(): Promise<void>;
}

export function lazyWorkerPool<Req, Res, Info>(options: WorkerPoolOptions): LazyWorkerPool<Req, Res> {
  let pool: Promise<WorkerPool<Req, Res, Info>> | null = null;
  return {
    get() {
      pool ??= WorkerPool.start<Req, Res, Info>(options);
      pool.catch(() => {
        pool = null;
      });
      return pool;
    },
    async close() {
      const current = pool;
      pool = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
