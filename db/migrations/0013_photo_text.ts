import type { Migration } from './types.js';

/**
 * Text read in photos (signs, documents, screenshots), a background pass after tagging.
 *
 * `photo_text`: one row per photo the text pass has finished with, for that content hash and reader version; no
 * row (or one for older content or an older reader) means the photo is still to be read, so the pass resumes where
 * it stopped after a crash. `words` is JSON: [{text, confidence, box: {x, y, width, height}}], boxes in shares of
 * the upright photo; `full_text` is the words in reading order, for search and display. A photo the gate found no
 * text in gets a row with no words, so it is not read again.
 *
 * photo_search gains a `text` column (free text and `text:` search the words read); FTS5 tables cannot gain a
 * column, so it is rebuilt with its rows carried over.
 */
export const migration0013PhotoText: Migration = {
  version: 13,
  name: 'photo_text',
  sql: `
CREATE TABLE photo_text (
  photo_id       INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  content_hash   TEXT NOT NULL,
  reader_version INTEGER NOT NULL,
  languages      TEXT NOT NULL,
  words          TEXT NOT NULL,
  full_text      TEXT NOT NULL,
  read_at        INTEGER NOT NULL
);

ALTER TABLE photo_search RENAME TO photo_search_v3;

CREATE VIRTUAL TABLE photo_search USING fts5(
  tags, caption, file_name, folder, camera, facets, place, text,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera, facets, place, text)
SELECT rowid, tags, caption, file_name, folder, camera, facets, place, '' FROM photo_search_v3;

DROP TABLE photo_search_v3;
`,
};
