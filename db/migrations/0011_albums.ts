import type { Migration } from './types.js';

/**
 * The user's own marks and collections: a favourite and a 0–5 star rating per photo (`photo_marks`, a row only
 * once the user marked the photo), hand-picked albums (`album_photos`) and smart albums (an album with a `query`,
 * evaluated by the search at read time, so it has no member rows). None of it is written by the pipeline, so a
 * re-index never touches it; a repair copies it (db/salvageLibrary.ts).
 *
 * The search finds them through facet tokens (xfav, xr<n>, xa<album id>) that the index writer appends; no photo
 * has any when this migration runs, so no search row needs rewriting.
 */
export const migration0011Albums: Migration = {
  version: 11,
  name: 'albums',
  sql: `
CREATE TABLE photo_marks (
  photo_id   INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  favorite   INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
  rating     INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  updated_at INTEGER NOT NULL
);

CREATE TABLE albums (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
  -- NULL: hand-picked; else the search query of a smart album.
  query      TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE album_photos (
  album_id INTEGER NOT NULL REFERENCES albums(id) ON DELETE CASCADE,
  photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (album_id, photo_id)
) WITHOUT ROWID;
CREATE INDEX album_photos_photo ON album_photos (photo_id);
`,
};
