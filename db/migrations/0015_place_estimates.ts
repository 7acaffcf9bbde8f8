import type { Migration } from './types.js';

/**
 * Places estimated for photos without GPS, kept apart from photo_places (which only GPS names) so an estimate is
 * never taken for a measured place: one row per photo that has one, with the located photo it came from and how
 * far apart in time the two were taken (seconds; negative: the source was taken earlier).
 *
 * source_photo_id has no foreign key on purpose: when the source goes, the estimate's search tokens must go with
 * it, and only the estimate pass (which refreshes the search row) may remove the row. The pass computes every
 * estimate again from the photos and rewrites only the rows that differ, so the table is derived data: a repair
 * rebuilds it rather than salvaging it.
 */
export const migration0015PlaceEstimates: Migration = {
  version: 15,
  name: 'place-estimates',
  sql: `
CREATE TABLE photo_place_estimates (
  photo_id        INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  source_photo_id INTEGER NOT NULL,
  offset_seconds  INTEGER NOT NULL,
  town            TEXT,
  region          TEXT,
  country         TEXT,
  country_code    TEXT
);
CREATE INDEX photo_place_estimates_source ON photo_place_estimates(source_photo_id);
`,
};
