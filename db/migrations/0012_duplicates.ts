import type { Migration } from './types.js';

/**
 * Duplicates. `photo_hashes`: each photo's perceptual hashes (electron/core/duplicates/perceptualHash.ts), written
 * with its analysis; `content_hash` says which content they were computed from, so a changed file's are stale.
 * Photos indexed before this get theirs from a background fill, never a re-index.
 * `hidden_photos`: copies the user chose not to see ("keep this one"). They leave search results and counts
 * (except under `is:hidden`) but stay in the library and on disk; `action` groups the photos one choice hid, so
 * undo brings them back together.
 */
export const migration0012Duplicates: Migration = {
  version: 12,
  name: 'duplicates',
  sql: `
CREATE TABLE photo_hashes (
  photo_id     INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  version      INTEGER NOT NULL,
  hashes       BLOB NOT NULL CHECK (length(hashes) = 32),
  updated_at   INTEGER NOT NULL
);
CREATE TABLE hidden_photos (
  photo_id  INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  kept_id   INTEGER REFERENCES photos(id) ON DELETE SET NULL,
  action    INTEGER NOT NULL,
  hidden_at INTEGER NOT NULL
);
CREATE INDEX hidden_photos_action ON hidden_photos(action);
`,
};
