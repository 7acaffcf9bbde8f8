import os from 'node:os';
import type { Transferable } from 'node:worker_threads';
import { WorkerPool } from '../pool/WorkerPool.js';
import { siblingModule } from '../pool/spawnModuleWorker.js';
import type { TaggerOptions } from './createTagger.js';
import type { TaggerProfile } from './taggerProfile.js';
import type { CaptionOptions } from '../captioner/neural/loadCaptionPack.js';
import type { TaggedPhoto, TaggerRequest, TaggerResponse, TaggerWorkerData, TaggerWorkerInfo, WirePhoto } from './taggerProtocol.js';
import type { DetectedFace, RawRgbImage } from './types.js';

export interface TaggerPoolOptions extends Omit<TaggerOptions, 'boxes'> {
  /** Worker threads, each with its own backend and model copy. Default: defaultTaggerWorkers(profile). */
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

/**
 * What one worker adds to the process at batch 4 on wasm (peak RSS, 40 coco photos, 1 vs 2 workers on this
 * 2-core VM): its backend's heap holds the weights and the activations of a whole batch.
 */
export const workerMemoryMb: Record<TaggerProfile, number> = { fast: 310, accurate: 460 };

/** The share of the machine's memory the model workers take by default: a photo library is not the only app open. */
const memoryShare = 0.25;

/**
 * One worker per core (wasm runs one thread each), but no more than fit in a quarter of the memory: an 8-core
 * laptop with 8 GB gets 4 'accurate' workers (1.8 GB) rather than 8 (3.7 GB). Always at least one.
 */
export function defaultTaggerWorkers(profile: TaggerProfile = 'fast', machine: { cores: number; memoryMb: number } = { cores: os.availableParallelism(), memoryMb: os.totalmem() / 2 ** 20 }): number {
  const byMemory = Math.floor((machine.memoryMb * memoryShare) / workerMemoryMb[profile]);
  return Math.max(1, Math.min(machine.cores, byMemory));
}

/** ONNX Runtime intra-op threads per worker: the cores shared out among the workers, at least one each. */
export function onnxThreadsPerWorker(workers: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, workers)));
}

/**
 * The tagger off the main thread: a pool of workers, each running `tagBatch` on whole batches. Batches wait in
 * order when every worker is busy; the caller bounds how many it sends (the pipeline's back-pressure).
 * Photos passed in are moved to the workers: their pixel buffers are unusable afterwards.
 */
export class TaggerPool {
  private constructor(
    private readonly pool: WorkerPool<TaggerRequest, TaggerResponse, TaggerWorkerInfo>,
    readonly info: TaggerWorkerInfo,
  ) {}

  static async start(options: TaggerPoolOptions = {}): Promise<TaggerPool> {
    const { workers, captionPack, ...rest } = options;
    const size = workers ?? defaultTaggerWorkers(rest.profile ?? 'accurate');
    // Workers × ONNX Runtime threads = cores, so native kernels never oversubscribe them (wasm ignores threads).
    const taggerOptions = { ...rest, threads: rest.threads ?? onnxThreadsPerWorker(size) };
    const workerData: TaggerWorkerData = { options: taggerOptions };
    if (captionPack) workerData.captionPack = { directory: captionPack.directory, decoding: captionPack.decoding ?? { strategy: 'beam', beamWidth: 3 } };
    const pool = await WorkerPool.start<TaggerRequest, TaggerResponse, TaggerWorkerInfo>({
      name: 'tagger',
      size,
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

  /** `signal`: withdraw the batch while it still waits for a worker (it rejects with TaskWithdrawnError). */
  async tagBatch(images: readonly RawRgbImage[], signal?: AbortSignal, options: { describeFaces?: boolean } = {}): Promise<TaggedPhoto[]> {
    if (images.length === 0) return [];
    const wires = images.map(toWire);
    const request = { photos: wires.map((w) => w.photo), ...(options.describeFaces === false ? { faceDescriptors: false } : {}) };
    return (await this.pool.run(request, wires.flatMap((w) => w.transfer), signal)) as TaggedPhoto[];
  }

  /**
   * Descriptors for faces cut from a sharper decode than the preview (face boxes and landmarks in fractions of
   * each crop): one per face, null where it is still too small or turned. The crops' pixels are moved.
   */
  async describeFaces(crops: readonly { image: RawRgbImage; face: DetectedFace }[]): Promise<(Float32Array | null)[]> {
    if (crops.length === 0) return [];
    const wires = crops.map((c) => ({ wire: toWire(c.image), face: c.face }));
    const request = { describeFaces: wires.map((w) => ({ image: w.wire.photo, face: w.face })) };
    return (await this.pool.run(request, wires.flatMap((w) => w.wire.transfer))) as (Float32Array | null)[];
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
