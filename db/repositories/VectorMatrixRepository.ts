import type { Db } from '../openDatabase.js';
import { decodeVector, encodeVector, type VectorEncoding } from '../vectors/vectorCodec.js';

/**
 * Every present photo's embedding (int8, one scale per row) and class scores (float32), aligned row by row in
 * contiguous typed arrays: 100,000 photos take 72 MB + 32 MB instead of 200,000 small Float32Arrays, and a scan
 * over them is a tight loop.
 */
export interface PhotoFeatureMatrix {
  photoIds: Int32Array;
  embeddingDim: number;
  embeddings: Int8Array;
  embeddingScales: Float32Array;
  scoresDim: number;
  scores: Float32Array;
}

interface PairRow {
  photoId: number;
  eEncoding: VectorEncoding;
  eDim: number;
  eScale: number;
  eData: Buffer;
  sEncoding: VectorEncoding;
  sDim: number;
  sScale: number;
  sData: Buffer;
}

export interface FeatureVersions {
  embedding: string;
  scores: string;
}

/** Reads the stored vectors learning needs, in bulk (see migration 0003). */
export class VectorMatrixRepository {
  private readonly countStmt;
  private readonly pairsStmt;
  private readonly pairsOfStmt;
  private readonly idsStmt;
  private readonly changedStmt;
  private readonly latestStmt;

  constructor(db: Db) {
    const select = `SELECT e.photo_id AS photoId, e.encoding AS eEncoding, e.dim AS eDim, e.scale AS eScale, e.data AS eData,
        s.encoding AS sEncoding, s.dim AS sDim, s.scale AS sScale, s.data AS sData
      FROM photo_vectors e
      JOIN photo_vectors s ON s.photo_id = e.photo_id AND s.kind = @scoresKind AND s.version = @scoresVersion
      JOIN photos p ON p.id = e.photo_id AND p.state != 'missing'
      WHERE e.kind = @embeddingKind AND e.version = @embeddingVersion`;
    // An upper bound for the arrays (the join may drop a few rows), read from the kind index alone.
    this.countStmt = db.prepare<Record<string, string>, { n: number }>(`SELECT COUNT(*) AS n FROM photo_vectors WHERE kind = @embeddingKind AND version = @embeddingVersion`);
    this.pairsStmt = db.prepare<Record<string, string>, PairRow>(`${select} ORDER BY e.photo_id`);
    this.pairsOfStmt = db.prepare<Record<string, string | number>, PairRow>(`${select} AND e.photo_id = @photoId`);
    this.idsStmt = db.prepare<Record<string, string>, { photoId: number }>(`SELECT photoId FROM (${select}) ORDER BY photoId`);
    this.changedStmt = db.prepare<[string, number], { photoId: number }>(`SELECT photo_id AS photoId FROM photo_vectors WHERE kind = ? AND updated_at > ? ORDER BY photo_id`);
    this.latestStmt = db.prepare<[], { t: number | null }>('SELECT MAX(updated_at) AS t FROM photo_vectors');
  }

  private params(versions: FeatureVersions): Record<string, string> {
    return { embeddingKind: 'embedding', embeddingVersion: versions.embedding, scoresKind: 'coco-scores', scoresVersion: versions.scores };
  }

  /** The aligned vectors of every present photo that has both kinds at these versions, in photo id order. */
  matrix(versions: FeatureVersions): PhotoFeatureMatrix {
    const params = this.params(versions);
    const n = this.countStmt.get(params)?.n ?? 0;
    return this.pack(this.pairsStmt.iterate(params), n);
  }

  /** The same for the listed photos only (those lacking either vector are left out). */
  matrixOf(versions: FeatureVersions, photoIds: readonly number[]): PhotoFeatureMatrix {
    const params = this.params(versions);
    const rows: PairRow[] = [];
    for (const photoId of [...new Set(photoIds)].sort((a, b) => a - b)) {
      const row = this.pairsOfStmt.get({ ...params, photoId });
      if (row) rows.push(row);
    }
    return this.pack(rows, rows.length);
  }

  /** The photos `matrix` would return, without their vectors. */
  photoIds(versions: FeatureVersions): number[] {
    return this.idsStmt.all(this.params(versions)).map((r) => r.photoId);
  }

  /** Photos whose embedding was (re)written after `updatedAt`. */
  changedSince(updatedAt: number): number[] {
    return this.changedStmt.all('embedding', updatedAt).map((r) => r.photoId);
  }

  /** When any vector was last written (0 when none). */
  latestUpdate(): number {
    return this.latestStmt.get()?.t ?? 0;
  }

  private pack(rows: Iterable<PairRow>, capacity: number): PhotoFeatureMatrix {
    let embeddingDim = 0;
    let scoresDim = 0;
    let photoIds = new Int32Array(capacity);
    let embeddings = new Int8Array(0);
    let embeddingScales = new Float32Array(capacity);
    let scores = new Float32Array(0);
    let n = 0;
    for (const row of rows) {
      if (n === 0) {
        embeddingDim = row.eDim;
        scoresDim = row.sDim;
        embeddings = new Int8Array(capacity * embeddingDim);
        scores = new Float32Array(capacity * scoresDim);
      }
      // A vector of another shape cannot share the matrix (a half-migrated library); it is skipped, not misread.
      if (row.eDim !== embeddingDim || row.sDim !== scoresDim || n >= capacity) continue;
      const int8 = row.eEncoding === 'i8' ? { data: row.eData, scale: row.eScale } : encodeVector(decodeVector({ encoding: row.eEncoding, dim: row.eDim, scale: row.eScale, data: row.eData }), 'i8');
      embeddings.set(new Int8Array(int8.data.buffer, int8.data.byteOffset, embeddingDim), n * embeddingDim);
      embeddingScales[n] = int8.scale;
      if (row.sEncoding === 'f32') scores.set(new Float32Array(row.sData.buffer.slice(row.sData.byteOffset, row.sData.byteOffset + scoresDim * 4)), n * scoresDim);
      else scores.set(decodeVector({ encoding: row.sEncoding, dim: row.sDim, scale: row.sScale, data: row.sData }), n * scoresDim);
      photoIds[n] = row.photoId;
      n++;
    }
    if (n < capacity) {
      photoIds = photoIds.slice(0, n);
      embeddingScales = embeddingScales.slice(0, n);
      embeddings = embeddings.slice(0, n * embeddingDim);
      scores = scores.slice(0, n * scoresDim);
    }
    return { photoIds, embeddingDim, embeddings, embeddingScales, scoresDim, scores };
  }
}
