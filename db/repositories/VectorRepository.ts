import type { Db } from '../openDatabase.js';
import { decodeVector, encodeVector, type VectorEncoding } from '../vectors/vectorCodec.js';

export interface StoredVector {
  photoId: number;
  version: string;
  values: Float32Array;
}

interface VectorRow {
  photoId: number;
  version: string;
  encoding: VectorEncoding;
  dim: number;
  scale: number;
  data: Buffer;
}

const toStored = (row: VectorRow): StoredVector => ({ photoId: row.photoId, version: row.version, values: decodeVector(row) });

/** The models' per-photo vectors (see migration 0003). Embeddings are stored as int8, scores as float32. */
export class VectorRepository {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly countStmt;
  private readonly versionsStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO photo_vectors (photo_id, kind, version, encoding, dim, scale, data, updated_at)
       VALUES (@photoId, @kind, @version, @encoding, @dim, @scale, @data, @now)
       ON CONFLICT(photo_id, kind) DO UPDATE SET version = excluded.version, encoding = excluded.encoding, dim = excluded.dim,
         scale = excluded.scale, data = excluded.data, updated_at = excluded.updated_at`,
    );
    const columns = 'v.photo_id AS photoId, v.version, v.encoding, v.dim, v.scale, v.data';
    this.getStmt = db.prepare<[number, string], VectorRow>(`SELECT ${columns} FROM photo_vectors v WHERE v.photo_id = ? AND v.kind = ?`);
    // Only photos that are still in the library: a tombstone's vector must not vote in neighbours or training.
    this.allStmt = db.prepare<[string, string], VectorRow>(
      `SELECT ${columns} FROM photo_vectors v JOIN photos p ON p.id = v.photo_id
       WHERE v.kind = ? AND v.version = ? AND p.state != 'missing' ORDER BY v.photo_id`,
    );
    this.countStmt = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM photo_vectors WHERE kind = ?');
    this.versionsStmt = db.prepare<[string], { version: string; n: number }>(
      'SELECT version, COUNT(*) AS n FROM photo_vectors WHERE kind = ? GROUP BY version ORDER BY n DESC',
    );
  }

  save(photoId: number, kind: string, version: string, values: Float32Array, now: number): void {
    const encoding: VectorEncoding = kind === 'embedding' ? 'i8' : 'f32';
    this.upsertStmt.run({ photoId, kind, version, now, ...encodeVector(values, encoding) });
  }

  get(photoId: number, kind: string): StoredVector | undefined {
    const row = this.getStmt.get(photoId, kind);
    return row ? toStored(row) : undefined;
  }

  /** Every present photo's vector of this kind and version, in photo id order, streamed. */
  *iterate(kind: string, version: string): IterableIterator<StoredVector> {
    for (const row of this.allStmt.iterate(kind, version)) yield toStored(row);
  }

  count(kind: string): number {
    return this.countStmt.get(kind)?.n ?? 0;
  }

  /** Versions present for a kind, most common first (the first is the one to train on). */
  versions(kind: string): { version: string; n: number }[] {
    return this.versionsStmt.all(kind);
  }
}
