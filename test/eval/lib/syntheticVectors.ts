import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { embeddingSize, embeddingVersion } from '../../../native-models/embedding/embeddingSpec.js';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';

export interface SyntheticVectorInfo {
  /** Cluster of each photo id (index = photo id). */
  clusterOf: Int16Array;
  clusters: number;
  scoresVersion: string;
  seconds: number;
}

/**
 * Stored vectors for a synthetic library, shaped like the real ones: L2-normalised 720-d embeddings around one
 * of `clusters` directions (photos of a kind look alike), int8-packed by the same repository call, and 80 class
 * scores that are low except for a few classes tied to the cluster. Timing learning on 100,000 photos needs the
 * sizes and the storage path to be real; the values only need to be learnable.
 */
export function writeSyntheticVectors(library: LibraryDatabase, photoCount: number, options: { clusters?: number; seed?: number; batch?: number } = {}): SyntheticVectorInfo {
  const started = performance.now();
  const clusters = options.clusters ?? 40;
  const random = seededRandom(options.seed ?? 99);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: embeddingSize }, gaussian));
  const classesOf = Array.from({ length: clusters }, () => [Math.floor(random() * 80), Math.floor(random() * 80)]);
  const clusterOf = new Int16Array(photoCount + 1);
  const scoresVersion = 'synthetic-scores-1';
  const batch = options.batch ?? 5000;
  const embedding = new Float32Array(embeddingSize);
  const scores = new Float32Array(80);
  for (let start = 1; start <= photoCount; start += batch) {
    library.transaction(() => {
      for (let id = start; id < Math.min(photoCount + 1, start + batch); id++) {
        const c = Math.floor(random() * clusters);
        clusterOf[id] = c;
        const centre = centres[c] as Float32Array;
        let norm = 0;
        for (let j = 0; j < embeddingSize; j++) {
          const v = (centre[j] as number) + 1.6 * gaussian();
          embedding[j] = v;
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (let j = 0; j < embeddingSize; j++) embedding[j] = (embedding[j] as number) / norm;
        for (let k = 0; k < 80; k++) scores[k] = 0.02 * random();
        for (const k of classesOf[c] as number[]) scores[k] = Math.min(0.99, 0.3 + 0.6 * random());
        library.vectors.save(id, 'embedding', embeddingVersion, embedding, 0);
        library.vectors.save(id, 'coco-scores', scoresVersion, scores, 0);
      }
    });
  }
  return { clusterOf, clusters, scoresVersion, seconds: (performance.now() - started) / 1000 };
}
