import type { Migration } from './types.js';

/**
 * People: every face found in a photo (box, landmarks, detection score, identity descriptor) and the groups of
 * faces that are one person. A face's `assigned_by` says who put it in its person: 'user' rows are the user's
 * decision (must-link) and a regrouping never moves them; face_exclusions records faces the user took out of a
 * person (cannot-link), which never go back to it.
 *
 * Faces belong to the photo's analysis and are rewritten with it, in the same transaction. The search index's
 * person and face-count tokens are written by the index writer from these tables; photos analysed before this
 * migration get them when they are analysed again (the pipeline version changed with faces).
 */
export const migration0007Faces: Migration = {
  version: 7,
  name: 'faces',
  sql: `
CREATE TABLE people (
  id         INTEGER PRIMARY KEY,
  name       TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX people_name ON people(name COLLATE NOCASE) WHERE name IS NOT NULL;

CREATE TABLE faces (
  id          INTEGER PRIMARY KEY,
  photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  x1          REAL NOT NULL,
  y1          REAL NOT NULL,
  x2          REAL NOT NULL,
  y2          REAL NOT NULL,
  score       REAL NOT NULL,
  landmarks   TEXT NOT NULL,
  embedding   BLOB,
  -- int8 descriptor × this scale (db/vectors/vectorCodec.ts): 1 KB per face instead of 4.
  embedding_scale REAL,
  model       TEXT NOT NULL,
  skipped     TEXT,
  person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
  assigned_by TEXT CHECK (assigned_by IN ('auto', 'user')),
  created_at  INTEGER NOT NULL
);
CREATE INDEX faces_photo ON faces(photo_id);
CREATE INDEX faces_person ON faces(person_id) WHERE person_id IS NOT NULL;

CREATE TABLE face_exclusions (
  face_id   INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (face_id, person_id)
) WITHOUT ROWID;
`,
};
