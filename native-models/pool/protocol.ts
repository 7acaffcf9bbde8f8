/** Messages between a WorkerPool and its workers. */
export type ToWorker<Req> = { type: 'task'; id: number; payload: Req };

export type FromWorker<Res, Info> =
  | { type: 'ready'; info: Info }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; ok: true; value: Res }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string } };
