import { WorkerPool } from '../../../native-models/pool/WorkerPool.js';
import { siblingModule } from '../../../native-models/pool/spawnModuleWorker.js';
import type { FaceVector, GroupingConstraints, RegroupResult } from './clusterFaces.js';

/** Faces packed for the thread: ids and one contiguous descriptor array (transferred, not copied). */
export interface RegroupRequest {
  ids: Int32Array;
  dims: number;
  vectors: Float32Array;
  mustLink: [number, number[]][];
  cannotLink: [number, number[]][];
  options: { distance: number; minFaces: number; joinDistance: number };
}

export interface RegroupResponse {
  toPerson: [number, number][];
  newGroups: number[][];
  ms: number;
}

export function packRegroup(faces: readonly FaceVector[], constraints: GroupingConstraints, options: RegroupRequest['options']): RegroupRequest {
  const dims = faces[0]?.embedding.length ?? 0;
  const vectors = new Float32Array(faces.length * dims);
  faces.forEach((f, i) => vectors.set(f.embedding.subarray(0, dims), i * dims));
  return {
    ids: Int32Array.from(faces, (f) => f.id),
    dims,
    vectors,
    mustLink: [...constraints.mustLink].map(([person, ids]) => [person, [...ids]]),
    cannotLink: [...constraints.cannotLink].map(([face, people]) => [face, [...people]]),
    options,
  };
}

export function unpackFaces(request: RegroupRequest): FaceVector[] {
  return Array.from(request.ids, (id, i) => ({ id, embedding: request.vectors.subarray(i * request.dims, (i + 1) * request.dims) }));
}

export function unpackResult(response: RegroupResponse): RegroupResult {
  return { toPerson: new Map(response.toPerson), newGroups: response.newGroups };
}

/**
 * The regrouping's clustering in a worker thread, started on first use (one thread: the other core belongs to
 * indexing), so the main thread's event loop (the UI's API, indexing) stays free for the tens of seconds a
 * library of 100,000 faces takes. The main thread reads the faces before and writes the result after.
 */
export class RegroupWorker {
  private pool: Promise<WorkerPool<RegroupRequest, RegroupResponse, { ready: true }>> | null = null;

  private start(): Promise<WorkerPool<RegroupRequest, RegroupResponse, { ready: true }>> {
    this.pool ??= WorkerPool.start<RegroupRequest, RegroupResponse, { ready: true }>({
      name: 'regroup',
      size: 1,
      workerUrl: siblingModule(import.meta.url, 'regroupWorkerThread'),
      unrefWhenIdle: true,
    }).catch((error: Error) => {
      this.pool = null;
      throw error;
    });
    return this.pool;
  }

  async regroup(faces: readonly FaceVector[], constraints: GroupingConstraints, options: RegroupRequest['options']): Promise<RegroupResult> {
    const request = packRegroup(faces, constraints, options);
    const pool = await this.start();
    return unpackResult(await pool.run(request, [request.vectors.buffer as ArrayBuffer, request.ids.buffer as ArrayBuffer]));
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool.catch(() => null))?.close();
  }
}
