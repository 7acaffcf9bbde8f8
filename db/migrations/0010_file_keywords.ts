import type { Migration } from './types.js';

/**
 * Keywords other apps wrote (into the photo, or its XMP sidecar) become the user's own tags, with their own
 * source 'file' so they are told apart from the model's and from those added in Phototag. photo_tags is rebuilt
 * for the wider CHECK (SQLite cannot alter one), with every index it had. photo_keywords keeps each keyword's
 * whole path ('Places|Italy|Florence': the tag is its leaf) so the hierarchy goes back out as it came in.
 * xmp_sidecars records what Phototag last wrote to each photo's sidecar, so a later edit by another app is merged
 * rather than overwritten, and Phototag's own words read back are not taken as the user's.
 */
export const migration0010FileKeywords: Migration = {
  version: 10,
  name: 'file_keywords',
  sql: `
CREATE TABLE photo_tags_new (
  photo_id      INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  tag_id        INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  confidence    REAL,
  count         INTEGER,
  source        TEXT NOT NULL CHECK (source IN ('model', 'user', 'rule', 'file')),
  state         TEXT NOT NULL CHECK (state IN ('suggested', 'accepted', 'rejected')),
  model_version TEXT,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (photo_id, tag_id)
) WITHOUT ROWID;
INSERT INTO photo_tags_new (photo_id, tag_id, confidence, count, source, state, model_version, updated_at)
  SELECT photo_id, tag_id, confidence, count, source, state, model_version, updated_at FROM photo_tags;
DROP TABLE photo_tags;
ALTER TABLE photo_tags_new RENAME TO photo_tags;
CREATE INDEX photo_tags_tag ON photo_tags(tag_id, state);
CREATE INDEX photo_tags_uncertain ON photo_tags(abs(confidence - 0.5)) WHERE source = 'model' AND state = 'suggested';
CREATE INDEX photo_tags_verdicts ON photo_tags(tag_id, photo_id) WHERE state != 'suggested';

CREATE TABLE photo_keywords (
  photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  path     TEXT NOT NULL COLLATE NOCASE,
  origin   TEXT NOT NULL CHECK (origin IN ('embedded', 'sidecar')),
  PRIMARY KEY (photo_id, path)
) WITHOUT ROWID;

-- What the photo's sidecars were when their keywords were read (name, time, size); NULL: never read, e.g. a photo
-- indexed before this migration, whose keywords the next pass reads without analysing it again.
ALTER TABLE photos ADD COLUMN sidecar_signature TEXT;

CREATE TABLE xmp_sidecars (
  photo_id   INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  keywords   TEXT NOT NULL,
  written_at INTEGER NOT NULL,
  mtime_ms   INTEGER NOT NULL
);
`,
};
