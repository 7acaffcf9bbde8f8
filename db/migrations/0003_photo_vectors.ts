import type { Migration } from './types.js';

/**
 * Per-photo vectors from the models (backbone embedding, per-class detector scores), so that teaching a tag,
 * retraining and "more like this" work from the DB alone and never decode a photo again. One row per photo and
 * kind: a re-analysis replaces it. `encoding` says how `data` packs the numbers (see db/vectors/vectorCodec.ts).
 */
export const migration0003PhotoVectors: Migration = {
  version: 3,
  name: 'photo_vectors',
  sql: `
CREATE TABLE photo_vectors (
  photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  version    TEXT NOT NULL,
  encoding   TEXT NOT NULL CHECK (encoding IN ('f32', 'i8')),
  dim        INTEGER NOT NULL CHECK (dim > 0),
  scale      REAL NOT NULL DEFAULT 1,
  data       BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (photo_id, kind)
) WITHOUT ROWID;
CREATE INDEX photo_vectors_kind ON photo_vectors(kind, version);
`,
};
