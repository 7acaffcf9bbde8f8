// A worker thread for reading photos' metadata: a hostile EXIF block keeps exifr busy for 100+ ms, and the first
// photo of a time zone loads ICU's zone data; neither belongs on the library's event loop, nor takes a core from it
// (niced, like the model workers).
import { serveWorker } from '../../../native-models/pool/serveWorker.js';
import { lowerThreadPriority } from '../../../native-models/pool/threadPriority.js';
import { metadataOf } from './readMetadata.js';
import type { MetadataRequest } from './metadataThread.js';
import type { PhotoMetadata } from './types.js';

serveWorker<MetadataRequest, PhotoMetadata, { ready: true }>(async () => {
  lowerThreadPriority();
  return {
    info: { ready: true },
    async handle(request) {
      const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      const png = request.png ? { ...request.png, exif: request.png.exif ? Buffer.from(request.png.exif) : null } : undefined;
      return { value: await metadataOf(bytes, request.format, png) };
    },
  };
});
