import type { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { FeatureVersions, PhotoFeatureMatrix } from '../../../db/repositories/VectorMatrixRepository.js';
import { currentFeatureVersions } from './learningInputs.js';

export interface Neighbour {
  photoId: number;
  similarity: number;
}

export interface NeighbourTag {
  name: string;
  /** Share of the neighbours' similarity weight carried by photos with this tag (0..1). */
  score: number;
  neighbours: number;
}

/**
 * The library's embeddings held in memory for "more like this", reloaded only when vectors were written since.
 * Brute force over int8 rows: 100,000 photos × 720 channels is ~70 M multiply-adds, about a tenth of a second.
 */
export class EmbeddingIndex {
  private cached: { key: string; versions: FeatureVersions; matrix: PhotoFeatureMatrix; rowOf: Map<number, number> } | null = null;

  constructor(private readonly library: LibraryDatabase) {}

  private current() {
    const versions = currentFeatureVersions(this.library);
    if (!versions) return null;
    const key = `${versions.embedding}|${versions.scores}|${this.library.vectorMatrix.latestUpdate()}|${this.library.photos.counts().missing}`;
    if (this.cached?.key !== key) {
      const matrix = this.library.vectorMatrix.matrix(versions);
      const rowOf = new Map<number, number>();
      matrix.photoIds.forEach((id, row) => rowOf.set(id, row));
      this.cached = { key, versions, matrix, rowOf };
    }
    return this.cached;
  }

  /** The `limit` photos most like `photoId` (cosine of stored embeddings), most similar first; null without vectors. */
  nearest(photoId: number, limit: number): Neighbour[] | null {
    const index = this.current();
    const row = index?.rowOf.get(photoId);
    if (!index || row === undefined) return null;
    const { embeddings, embeddingScales, embeddingDim: dim, photoIds } = index.matrix;
    const query = new Float32Array(dim);
    const qScale = embeddingScales[row] as number;
    for (let j = 0; j < dim; j++) query[j] = (embeddings[row * dim + j] as number) * qScale;
    // A bounded list kept sorted by insertion: limit is small, so this beats sorting 100,000 similarities.
    const best: Neighbour[] = [];
    for (let r = 0; r < photoIds.length; r++) {
      if (r === row) continue;
      let dot = 0;
      const base = r * dim;
      for (let j = 0; j < dim; j++) dot += (embeddings[base + j] as number) * (query[j] as number);
      const similarity = dot * (embeddingScales[r] as number);
      if (best.length === limit && similarity <= (best[best.length - 1] as Neighbour).similarity) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as Neighbour).similarity < similarity) at--;
      best.splice(at, 0, { photoId: photoIds[r] as number, similarity });
      if (best.length > limit) best.pop();
    }
    return best.map((n) => ({ photoId: n.photoId, similarity: Math.round(n.similarity * 10_000) / 10_000 }));
  }
}

/**
 * Tags the neighbours carry that the photo does not: each neighbour votes with its similarity (only positive
 * ones count) for every tag it shows and nobody rejected; a tag is suggested when at least a third of the vote
 * and two neighbours agree, and never if the user rejected it on this photo.
 */
export function tagsFromNeighbours(library: LibraryDatabase, photoId: number, neighbours: readonly Neighbour[], minScore = 0.34): NeighbourTag[] {
  const own = new Map(library.tags.forPhoto(photoId).map((t) => [t.name, t.state]));
  const votes = new Map<string, { weight: number; count: number }>();
  let total = 0;
  for (const n of neighbours) {
    const weight = Math.max(0, n.similarity) ** 2;
    if (weight === 0) continue;
    total += weight;
    for (const tag of library.tags.forPhoto(n.photoId)) {
      if (tag.state === 'rejected') continue;
      const v = votes.get(tag.name) ?? { weight: 0, count: 0 };
      v.weight += weight;
      v.count += 1;
      votes.set(tag.name, v);
    }
  }
  if (total === 0) return [];
  return [...votes]
    .filter(([name, v]) => !own.has(name) && v.count >= 2 && v.weight / total >= minScore)
    .map(([name, v]) => ({ name, score: Math.round((v.weight / total) * 1000) / 1000, neighbours: v.count }))
    .sort((a, b) => b.score - a.score);
}
