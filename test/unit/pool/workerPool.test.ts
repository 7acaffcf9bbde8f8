import { afterAll, describe, expect, it } from 'vitest';
import { TaskWithdrawnError, WorkerPool, WorkerPoolError } from '../../../native-models/pool/WorkerPool.js';
import { siblingModule } from '../../../native-models/pool/spawnModuleWorker.js';

interface Req {
  bytes: Uint8Array;
  mode?: 'ok' | 'throw' | 'die' | 'slow';
}
type Res = { sum: number; thread: number };

const workerUrl = siblingModule(import.meta.url, 'sumWorker');

describe('WorkerPool', () => {
  let pool: WorkerPool<Req, Res>;
  afterAll(() => pool?.close());

  it('runs tasks on every worker and returns their results in order', async () => {
    pool = await WorkerPool.start<Req, Res, { started: true }>({ name: 'test', size: 2, workerUrl });
    expect(pool.infos).toEqual([{ started: true }, { started: true }]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.run({ bytes: new Uint8Array([i, 1]) })));
    expect(results.map((r) => r.sum)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
  });

  it('moves a transferred buffer instead of copying it', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const result = await pool.run({ bytes }, [bytes.buffer]);
    expect(result.sum).toBe(6);
    expect(bytes.byteLength).toBe(0);
  });

  it('reports a task error without losing the worker', async () => {
    await expect(pool.run({ bytes: new Uint8Array(), mode: 'throw' })).rejects.toThrow('bad input');
    expect((await pool.run({ bytes: new Uint8Array([5]) })).sum).toBe(5);
  });

  it('replaces a crashed worker and fails only its task', async () => {
    const crash = pool.run({ bytes: new Uint8Array(), mode: 'die' });
    await expect(crash).rejects.toBeInstanceOf(WorkerPoolError);
    const after = await Promise.all([1, 2, 3].map((n) => pool.run({ bytes: new Uint8Array([n]) })));
    expect(after.map((r) => r.sum)).toEqual([1, 2, 3]);
  });

  it('withdraws tasks still waiting when their signal aborts, and lets the running one finish', async () => {
    const single = await WorkerPool.start<Req, Res, { started: true }>({ name: 'test', size: 1, workerUrl });
    try {
      const stop = new AbortController();
      const running = single.run({ bytes: new Uint8Array([7]), mode: 'slow' }, [], stop.signal);
      const waiting = [1, 2].map((n) => single.run({ bytes: new Uint8Array([n]) }, [], stop.signal));
      stop.abort();
      for (const task of waiting) await expect(task).rejects.toBeInstanceOf(TaskWithdrawnError);
      expect((await running).sum).toBe(7);
      expect(single.pending).toBe(0);
      await expect(single.run({ bytes: new Uint8Array([1]) }, [], stop.signal)).rejects.toBeInstanceOf(TaskWithdrawnError);
      expect((await single.run({ bytes: new Uint8Array([4]) })).sum).toBe(4);
    } finally {
      await single.close();
    }
  });

  it('says why when a worker cannot start', async () => {
    await expect(WorkerPool.start({ name: 'tagger', size: 1, workerUrl, workerData: { refuse: true } })).rejects.toThrow('model file is corrupt');
  });
});
