import type { Migration } from './types.js';

/**
 * Where photos were taken, by name: one row per photo the geocoder has looked at (all names null when the point
 * is at sea), with the geocoder's version, so the indexer fills in existing libraries from their stored GPS and
 * recomputes when the data or rules change — never by decoding the photos again.
 *
 * photo_search gains a `place` text column (town, region, country: free text finds "madrid"); FTS5 tables cannot
 * gain a column, so it is rebuilt and its rows carried over as they were. No photo has a place yet at this point,
 * so every carried row is exactly what the writer would write; the indexer's backfill then refreshes GPS photos.
 */
export const migration0006Places: Migration = {
  version: 6,
  name: 'places',
  sql: `
CREATE TABLE photo_places (
  photo_id     INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  town         TEXT,
  region       TEXT,
  country      TEXT,
  country_code TEXT,
  version      INTEGER NOT NULL
);
CREATE INDEX photo_places_town ON photo_places(town) WHERE town IS NOT NULL;

ALTER TABLE photo_search RENAME TO photo_search_v2;

CREATE VIRTUAL TABLE photo_search USING fts5(
  tags, caption, file_name, folder, camera, facets, place,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera, facets, place)
SELECT rowid, tags, caption, file_name, folder, camera, facets, '' FROM photo_search_v2;

DROP TABLE photo_search_v2;
`,
};
