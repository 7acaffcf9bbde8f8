// A worker thread that runs libheif's WebAssembly decoder, which would otherwise block the event loop for seconds,
// and makes the preview from its full-size pixels here, so that they never cross to the library's thread. Niced like
// the model workers: a decode is 1-3 s of CPU, which at the host's priority kept the host waiting for a core.
import { serveWorker } from '../../../native-models/pool/serveWorker.js';
import { lowerThreadPriority } from '../../../native-models/pool/threadPriority.js';
import { sharpFailure } from './decodeFailure.js';
import { PhotoDecodeError } from './errors.js';
import { decodeHeifInThisThread } from './heif.js';
import type { HeifDecodeRequest, HeifDecodeResult } from './heifProtocol.js';
import { previewFromPixels } from './preview.js';

serveWorker<HeifDecodeRequest, HeifDecodeResult, { ready: true }>(async () => {
  lowerThreadPriority();
  return {
    info: { ready: true },
    async handle(request) {
      const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      try {
        const pixels = await decodeHeifInThisThread(bytes, request.maxPixels);
        const icc = request.icc ? Buffer.from(request.icc.buffer, request.icc.byteOffset, request.icc.byteLength) : null;
        const preview = await previewFromPixels(pixels, icc, request.previewSize, request.maxPixels).catch((error: unknown) => {
          throw error instanceof PhotoDecodeError ? error : sharpFailure(error, 'heic', 'pixels');
        });
        // sharp's output owns its whole ArrayBuffer, which can move without a copy.
        const data = new Uint8Array(preview.data.buffer, preview.data.byteOffset, preview.data.byteLength);
        const whole = preview.data.byteOffset === 0 && preview.data.byteLength === preview.data.buffer.byteLength;
        return {
          value: { ok: true, data, previewWidth: preview.width, previewHeight: preview.height, width: pixels.width, height: pixels.height },
          ...(whole ? { transfer: [preview.data.buffer as ArrayBuffer] } : {}),
        };
      } catch (error) {
        const kind = error instanceof PhotoDecodeError ? error.kind : 'corrupt';
        return { value: { ok: false, kind, message: (error as Error).message } };
      }
    },
  };
});
