import os from 'node:os';
import type { WorkerPool } from '../../../native-models/pool/WorkerPool.js';
import { lazyWorkerPool } from '../../../native-models/pool/lazyWorkerPool.js';
import { siblingModule } from '../../../native-models/pool/spawnModuleWorker.js';
import { PhotoDecodeError } from './errors.js';
import type { HeifDecodeRequest, HeifDecodeResult } from './heifProtocol.js';
import type { RawRgbImage } from './types.js';

/** Started on the first HEIC, one worker per core; idle workers never keep the process alive. */
const heifPool = lazyWorkerPool<HeifDecodeRequest, HeifDecodeResult, { ready: true }>({
  name: 'HEIC decoder',
  size: Math.max(1, os.availableParallelism()),
  workerUrl: siblingModule(import.meta.url, 'heifWorker'),
  unrefWhenIdle: true,
});

/**
 * Decodes a HEIF file's primary image off the event loop (see decodeHeifInThisThread) and makes its preview there
 * (previewFromPixels): the full-size pixels, 25-50 MB for a phone's photo, stay in the worker. `width` and
 * `height` are the full image's, upright. The bytes are copied to the worker: the caller keeps its buffer.
 */
export async function decodeHeifPreview(
  bytes: Buffer,
  options: { maxPixels: number; previewSize: number; icc: Buffer | null },
): Promise<{ preview: RawRgbImage; width: number; height: number }> {
  let workers: WorkerPool<HeifDecodeRequest, HeifDecodeResult>;
  try {
    workers = await heifPool.get();
  } catch (error) {
    throw new PhotoDecodeError('unreadable', `the HEIC decoder could not be started: ${(error as Error).message}`, { cause: error });
  }
  let result: HeifDecodeResult;
  try {
    result = await workers.run({ bytes: new Uint8Array(bytes), maxPixels: options.maxPixels, previewSize: options.previewSize, icc: options.icc ? new Uint8Array(options.icc) : null });
  } catch (error) {
    // The worker died (a wasm abort, out of memory); the pool replaces it. This file is what killed it.
    throw new PhotoDecodeError('corrupt', `the HEIC decoder crashed on this file: ${(error as Error).message}`, { cause: error });
  }
  if (!result.ok) throw new PhotoDecodeError(result.kind, result.message);
  const data = Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  return { preview: { data, width: result.previewWidth, height: result.previewHeight, channels: 3 }, width: result.width, height: result.height };
}

/** Stops the decoder workers (tests, shutdown); the next HEIC starts them again. */
export function closeHeifDecoder(): Promise<void> {
  return heifPool.close();
}
