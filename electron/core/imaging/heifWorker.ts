// A worker thread that runs libheif's WebAssembly decoder, which would otherwise block the event loop for seconds.
import { serveWorker } from '../../../native-models/pool/serveWorker.js';
import { PhotoDecodeError } from './errors.js';
import { decodeHeifInThisThread } from './heif.js';
import type { HeifDecodeRequest, HeifDecodeResult } from './heifProtocol.js';

serveWorker<HeifDecodeRequest, HeifDecodeResult, { ready: true }>(async () => ({
  info: { ready: true },
  async handle(request) {
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    try {
      const pixels = await decodeHeifInThisThread(bytes, request.maxPixels);
      const data = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
      return { value: { ok: true, data, width: pixels.width, height: pixels.height, channels: pixels.channels }, transfer: [pixels.data.buffer as ArrayBuffer] };
    } catch (error) {
      const kind = error instanceof PhotoDecodeError ? error.kind : 'corrupt';
      return { value: { ok: false, kind, message: (error as Error).message } };
    }
  },
}));
