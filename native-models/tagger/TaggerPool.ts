import os from 'node:os';
import type { Transferable } from 'node:worker_threads';
import { WorkerPool } from '../pool/WorkerPool.js';
import { siblingModule } from '../pool/spawnModuleWorker.js';
import type { TaggerOptions } from './createTagger.js';
import type { CaptionOptions } from '../captioner/neural/loadCaptionPack.js';
import type { TagBatchRequest, TaggedPhoto, TaggerWorkerData, TaggerWorkerInfo, WirePhoto } from './taggerProtocol.js';
import type { RawRgbImage } from './types.js';

export interface TaggerPoolOptions extends Omit<TaggerOptions, 'boxes'> {
  /** Worker threads, each with its own backend and model copy. Default: one per core (wasm runs one thread each). */
  workers?: number;
  /** A neural caption pack directory (see native-models/captioner/neural/README.md) and how to decode with it. */
  captionPack?: { directory: string; decoding?: CaptionOptions };
}

/** Photos whose bytes own their whole ArrayBuffer can be moved to the worker; others (pool slices) are copied. */
function toWire(image: RawRgbImage): { photo: WirePhoto; transfer: Transferable[] } {
  const { data } = image;
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !(data.buffer instanceof SharedArrayBuffer)) {
    return { photo: { data, width: image.width, height: image.height }, transfer: [data.buffer as ArrayBuffer] };
  }
  const copy = new Uint8Array(data);
  return { photo: { data: copy, width: image.width, height: image.height }, transfer: [copy.buffer] };
}

export function defaultTaggerWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * The tagger off the main thread: a pool of workers, each running `tagBatch` on whole batches. Batches wait in
 * order when every worker is busy; the caller bounds how many it sends (the pipeline's back-pressure).
 * Photos passed in are moved to the workers: their pixel buffers are unusable afterwards.
 */
export class TaggerPool {
  private constructor(
    private readonly pool: WorkerPool<TagBatchRequest, TaggedPhoto[], TaggerWorkerInfo>,
    readonly info: TaggerWorkerInfo,
  ) {}

  static async start(options: TaggerPoolOptions = {}): Promise<TaggerPool> {
    const { workers, captionPack, ...taggerOptions } = options;
    const workerData: TaggerWorkerData = { options: taggerOptions };
    if (captionPack) workerData.captionPack = { directory: captionPack.directory, decoding: captionPack.decoding ?? { strategy: 'beam', beamWidth: 3 } };
    const pool = await WorkerPool.start<TagBatchRequest, TaggedPhoto[], TaggerWorkerInfo>({
      name: 'tagger',
      size: workers ?? defaultTaggerWorkers(),
      workerUrl: siblingModule(import.meta.url, 'taggerWorker'),
      workerData,
    });
    return new TaggerPool(pool, pool.infos[0] as TaggerWorkerInfo);
  }

  get workers(): number {
    return this.pool.size;
  }

  /** Batches queued or running in the workers. */
  get pending(): number {
    return this.pool.pending;
  }

  async tagBatch(images: readonly RawRgbImage[]): Promise<TaggedPhoto[]> {
    if (images.length === 0) return [];
    const wires = images.map(toWire);
    return this.pool.run({ photos: wires.map((w) => w.photo) }, wires.flatMap((w) => w.transfer));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
