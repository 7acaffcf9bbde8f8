import type { Tagger } from '../../../native-models/tagger/createTagger.js';
import { decodeForTagger } from './decodeForTagger.js';
import { RawOutputCache } from './rawOutputCache.js';

/** The shipped photo embedding for each file (cached by tagger version in the OS temp dir). */
export async function embedPhotos(tagger: Tagger, files: readonly { file: string; path: string }[]): Promise<Map<string, number[]>> {
  const cache = new RawOutputCache('embeddings');
  const out = new Map<string, number[]>();
  for (const f of files) {
    const vector = await cache.get(tagger.version.replace(/[^\w.-]+/g, '_'), f.file, async () => {
      const [ev] = await tagger.collectEvidence([await decodeForTagger(f.path)], ['centernet']);
      return [...(ev?.full.embedding ?? [])];
    });
    out.set(f.file, vector);
  }
  return out;
}
