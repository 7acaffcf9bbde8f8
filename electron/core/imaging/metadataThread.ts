import { lazyWorkerPool } from '../../../native-models/pool/lazyWorkerPool.js';
import { siblingModule } from '../../../native-models/pool/spawnModuleWorker.js';
import type { PngScan } from './pngChunks.js';
import { emptyPhotoMetadata, metadataOf } from './readMetadata.js';
import type { PhotoFormat, PhotoMetadata } from './types.js';

export interface MetadataRequest {
  bytes: Uint8Array;
  format: PhotoFormat | null;
  png?: Omit<PngScan, 'exif'> & { exif: Uint8Array | null };
}

/** One worker: reading a normal photo's metadata takes well under a millisecond. */
const metadataPool = lazyWorkerPool<MetadataRequest, PhotoMetadata, { ready: true }>({
  name: 'metadata reader',
  size: 1,
  workerUrl: siblingModule(import.meta.url, 'metadataWorker'),
  unrefWhenIdle: true,
});

/**
 * A JPEG's metadata (EXIF, XMP, IPTC) all comes before its first scan: only that head crosses to the worker, not
 * the compressed pixels. Null when the markers do not lead to a scan (the whole file is sent then).
 */
export function jpegHeadLength(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda) return at;
    // Markers without a length: TEM and RSTn (stray in a header, but harmless).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    at += 2 + (((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number));
  }
  return null;
}

/**
 * readMetadata's answer (metadataOf), worked out on the metadata thread. Never rejects: when the thread cannot
 * start the file is read here instead; when it dies on this file, the photo has no metadata (as for a file whose
 * metadata cannot be parsed).
 */
export async function metadataOffThread(bytes: Buffer, format: PhotoFormat | null, png?: PngScan): Promise<PhotoMetadata> {
  const head = format === 'jpeg' ? jpegHeadLength(bytes) : null;
  // Copied, not transferred: the caller decodes the same bytes. A JPEG's head is closed with an end-of-image
  // marker, without which exifr reads none of it.
  const sent = new Uint8Array(head === null ? bytes.length : head + 2);
  sent.set(bytes.subarray(0, head ?? bytes.length));
  if (head !== null) sent.set([0xff, 0xd9], head);
  const request: MetadataRequest = { bytes: sent, format, ...(png ? { png: { ...png, exif: png.exif ? new Uint8Array(png.exif) : null } } : {}) };
  let pool: Awaited<ReturnType<typeof metadataPool.get>>;
  try {
    pool = await metadataPool.get();
  } catch {
    // No thread could start here (resources, a broken install): the file is read on this thread, as before.
    return metadataOf(bytes, format, png);
  }
  try {
    return await pool.run(request, [sent.buffer]);
  } catch {
    // The reader died on this very file (a hostile block that exhausted its memory): reading it here would take
    // this thread down with it. The photo is indexed without the file's metadata.
    return emptyPhotoMetadata();
  }
}

/** Stops the metadata thread (tests, shutdown); the next photo starts it again. */
export function closeMetadataThread(): Promise<void> {
  return metadataPool.close();
}
