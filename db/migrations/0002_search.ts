import type { Migration } from './types.js';

/**
 * Structured search (tags, dates, formats, cameras, lenses) as tokens in the same FTS5 index as the text, so a
 * whole query is one MATCH: FTS5 intersects and subtracts posting lists far faster than SQL can join 100,000 rows.
 * FTS5 tables cannot gain a column, so photo_search is rebuilt with a `facets` column and its rows carried over.
 *
 * The facet expression below is a frozen copy of FACETS_SQL in db/search/facetTokens.ts as it stood when this
 * migration shipped; a test checks the two agree, and a change to the tokens needs a new migration to rebuild.
 */
export const migration0002Search: Migration = {
  version: 2,
  name: 'search',
  sql: `
-- Distinct camera, make, model and lens names, so camera:/lens: substring matches read a few hundred rows, not
-- every photo; their ids name them in the facet tokens. Rows are only ever added: a value no photo has any
-- more matches nothing.
CREATE TABLE search_values (
  id    INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('camera', 'lens')),
  value TEXT NOT NULL,
  UNIQUE (kind, value)
);

INSERT OR IGNORE INTO search_values (kind, value)
SELECT 'camera', camera FROM photos WHERE camera IS NOT NULL AND state != 'missing'
UNION SELECT 'camera', camera_make FROM photos WHERE camera_make IS NOT NULL AND state != 'missing'
UNION SELECT 'camera', camera_model FROM photos WHERE camera_model IS NOT NULL AND state != 'missing'
UNION SELECT 'lens', lens FROM photos WHERE lens IS NOT NULL AND state != 'missing';

ALTER TABLE photo_search RENAME TO photo_search_v1;

CREATE VIRTUAL TABLE photo_search USING fts5(
  tags, caption, file_name, folder, camera, facets,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO photo_search (rowid, tags, caption, file_name, folder, camera, facets)
SELECT s.rowid, s.tags, s.caption, s.file_name, s.folder, s.camera,
  'xall xs' || p.state
  || coalesce((SELECT ' xtagged t' || group_concat(pt.tag_id, ' t') FROM photo_tags pt WHERE pt.photo_id = p.id AND pt.state != 'rejected'), '')
  || CASE WHEN p.taken_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
       THEN ' xdated y' || substr(p.taken_at, 1, 4) || ' ym' || substr(p.taken_at, 1, 4) || substr(p.taken_at, 6, 2)
            || ' ymd' || substr(p.taken_at, 1, 4) || substr(p.taken_at, 6, 2) || substr(p.taken_at, 9, 2)
       ELSE '' END
  || CASE WHEN p.format IS NOT NULL THEN ' f' || hex(lower(p.format)) ELSE '' END
  || CASE WHEN p.gps_lat IS NOT NULL AND p.gps_lon IS NOT NULL THEN ' xgps' ELSE '' END
  || CASE WHEN EXISTS (SELECT 1 FROM captions c WHERE c.photo_id = p.id AND trim(c.text) != '') THEN ' xcaption' ELSE '' END
  || CASE WHEN coalesce(p.camera, p.camera_make, p.camera_model) IS NOT NULL THEN ' xcamera' ELSE '' END
  || coalesce((SELECT ' c' || group_concat(v.id, ' c') FROM search_values v
                WHERE v.kind = 'camera' AND v.value IN (p.camera, p.camera_make, p.camera_model)), '')
  || coalesce((SELECT ' l' || v.id FROM search_values v WHERE v.kind = 'lens' AND v.value = p.lens), '')
FROM photo_search_v1 s JOIN photos p ON p.id = s.rowid;

DROP TABLE photo_search_v1;
`,
};
