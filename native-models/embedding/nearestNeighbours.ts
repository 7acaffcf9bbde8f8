/** Cosine similarity of two L2-normalised embeddings. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** The k most similar items to a query embedding (brute force: fine up to ~100k photos × 2160 floats). */
export function nearestNeighbours<T>(query: ArrayLike<number>, items: readonly { id: T; embedding: ArrayLike<number> }[], k: number): { id: T; similarity: number }[] {
  return items
    .map((item) => ({ id: item.id, similarity: cosine(query, item.embedding) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
