import type { Migration } from './types.js';

/**
 * The library's first schema. Photos are identities that follow their file across renames and moves
 * (matched by content hash) and across edits (matched by path), so tags and corrections attach to the
 * photo row, never to a path or a hash.
 */
export const migration0001Initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE folders (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL UNIQUE,
  added_at      INTEGER NOT NULL,
  last_scan_at  INTEGER
);

CREATE TABLE photos (
  id               INTEGER PRIMARY KEY,
  folder_id        INTEGER REFERENCES folders(id) ON DELETE SET NULL,
  path             TEXT NOT NULL UNIQUE,
  file_name        TEXT NOT NULL,
  size             INTEGER NOT NULL,
  mtime_ms         INTEGER NOT NULL,
  content_hash     TEXT NOT NULL,
  width            INTEGER,
  height           INTEGER,
  format           TEXT,
  taken_at         TEXT,
  taken_tz         TEXT,
  date_source      TEXT,
  camera_make      TEXT,
  camera_model     TEXT,
  camera           TEXT,
  lens             TEXT,
  gps_lat          REAL,
  gps_lon          REAL,
  gps_alt          REAL,
  orientation      INTEGER,
  state            TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'indexed', 'failed', 'missing')),
  error_kind       TEXT,
  error_reason     TEXT,
  pipeline_version INTEGER,
  indexed_at       INTEGER,
  added_at         INTEGER NOT NULL,
  missing_since    INTEGER
);
CREATE INDEX photos_hash ON photos(content_hash);
CREATE INDEX photos_folder ON photos(folder_id);
CREATE INDEX photos_state ON photos(state);
CREATE INDEX photos_taken ON photos(taken_at);

CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind       TEXT NOT NULL DEFAULT 'object',
  created_at INTEGER NOT NULL
);

CREATE TABLE tag_synonyms (
  alias  TEXT PRIMARY KEY COLLATE NOCASE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE
);

CREATE TABLE photo_tags (
  photo_id      INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  tag_id        INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  confidence    REAL,
  count         INTEGER,
  source        TEXT NOT NULL CHECK (source IN ('model', 'user', 'rule')),
  state         TEXT NOT NULL CHECK (state IN ('suggested', 'accepted', 'rejected')),
  model_version TEXT,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (photo_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX photo_tags_tag ON photo_tags(tag_id, state);

CREATE TABLE captions (
  photo_id      INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  text          TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('model', 'user')),
  model_version TEXT,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE corrections (
  id         INTEGER PRIMARY KEY,
  photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'add', 'remove', 'rename', 'caption')),
  tag_id     INTEGER REFERENCES tags(id) ON DELETE SET NULL,
  old_value  TEXT,
  new_value  TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX corrections_photo ON corrections(photo_id);

CREATE TABLE jobs (
  id               INTEGER PRIMARY KEY,
  photo_id         INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  content_hash     TEXT NOT NULL,
  pipeline_version INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  enqueued_at      INTEGER NOT NULL,
  started_at       INTEGER,
  finished_at      INTEGER,
  UNIQUE (photo_id, content_hash, pipeline_version)
);
CREATE INDEX jobs_state ON jobs(state, id);

-- Search text for each photo, kept in step by db/search (never by triggers: tags live in another table).
CREATE VIRTUAL TABLE photo_search USING fts5(
  tags, caption, file_name, folder, camera,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
