// A worker thread hosting one tagger on its own tfjs backend; the pool sends batches of photos, it answers with tags.
import type { Transferable } from 'node:worker_threads';
import { loadCaptionPack } from '../captioner/neural/loadCaptionPack.js';
import { serveWorker } from '../pool/serveWorker.js';
import { lowerThreadPriority } from '../pool/threadPriority.js';
import { createTagger } from './createTagger.js';
import type { TaggedPhoto, TaggerRequest, TaggerResponse, TaggerWorkerData, TaggerWorkerInfo, WirePhoto } from './taggerProtocol.js';
import type { RawRgbImage } from './types.js';

serveWorker<TaggerRequest, TaggerResponse, TaggerWorkerInfo>(async (data) => {
  const { options, captionPack } = data as TaggerWorkerData;
  lowerThreadPriority();
  const started = performance.now();
  const tagger = await createTagger({ ...options, boxes: true });
  const pack = captionPack ? await loadCaptionPack(captionPack.directory, options.backend ? { backend: options.backend } : {}) : null;
  // The first inference compiles every kernel (seconds on wasm); pay it here, not on the user's first photos.
  await tagger.tagBatch([{ data: Buffer.alloc(64 * 48 * 3, 128), width: 64, height: 48, channels: 3 }]);
  const info: TaggerWorkerInfo = {
    backend: tagger.backend,
    profile: tagger.profile,
    threshold: tagger.threshold,
    version: tagger.version,
    faceVersion: tagger.faceVersion,
    captionPackVersion: pack?.version ?? null,
    loadMs: Math.round(performance.now() - started),
  };
  return {
    info,
    async handle(request) {
      const toImage = (p: WirePhoto): RawRgbImage => ({ data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength), width: p.width, height: p.height, channels: 3 });
      if ('describeFaces' in request) {
        const items = request.describeFaces.map((c) => ({ image: toImage(c.image), face: c.face }));
        await tagger.describeFaces(items);
        return { value: items.map((i) => i.face.embedding ?? null) };
      }
      const images: RawRgbImage[] = request.photos.map(toImage);
      const results = await tagger.tagBatch(images, request.faceDescriptors === false ? { describeFaces: false } : {});
      const captions = pack && captionPack ? await pack.caption(images, captionPack.decoding) : null;
      const buffers = new Set<ArrayBuffer>();
      for (const r of results) {
        buffers.add(r.scores.buffer as ArrayBuffer);
        buffers.add(r.embedding.buffer as ArrayBuffer);
      }
      const value = results.map((tags, i): TaggedPhoto => ({ tags, neuralCaption: captions?.[i]?.text || null }));
      return { value, transfer: [...buffers] as Transferable[] };
    },
  };
});
