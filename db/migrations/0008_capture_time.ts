import type { Migration } from './types.js';

/**
 * Capture time you can trust. A photo with no date in its file used to get the file's modification time as its
 * capture date (date_source 'file'), which a copy, a download or a backup restore silently changes. Those photos
 * become undated: taken_at NULL, with the file's time kept apart in file_date ('YYYY-MM-DDTHH:MM:SS+HH:MM') as a
 * hint to show, never to sort or search by.
 *
 * Their search rows lose their date tokens (' xdated y… ym… ymd…', exactly as FACETS_SQL wrote them from the old
 * taken_at), so has:date, year: and the facets stop counting them, and no photo needs analysing again.
 *
 * taken_tz_source says where taken_tz came from ('offset': the file wrote it; 'gps': the zone at the photo's GPS
 * position, named in taken_zone, e.g. 'Europe/Rome'); date_problem and gps_problem say why a
 * file's date or GPS tags were refused (a 1900 placeholder, GPS 0,0); both are filled as photos are analysed.
 */
export const migration0008CaptureTime: Migration = {
  version: 8,
  name: 'capture-time',
  sql: `
ALTER TABLE photos ADD COLUMN file_date TEXT;
ALTER TABLE photos ADD COLUMN taken_tz_source TEXT;
ALTER TABLE photos ADD COLUMN taken_zone TEXT;
ALTER TABLE photos ADD COLUMN date_problem TEXT;
ALTER TABLE photos ADD COLUMN gps_problem TEXT;

UPDATE photos SET taken_tz_source = 'offset' WHERE taken_tz IS NOT NULL AND date_source IN ('exif', 'xmp');

UPDATE photo_search SET facets = replace(facets, (
    SELECT ' xdated y' || substr(p.taken_at, 1, 4) || ' ym' || substr(p.taken_at, 1, 4) || substr(p.taken_at, 6, 2)
           || ' ymd' || substr(p.taken_at, 1, 4) || substr(p.taken_at, 6, 2) || substr(p.taken_at, 9, 2)
    FROM photos p WHERE p.id = photo_search.rowid), '')
  WHERE rowid IN (SELECT id FROM photos WHERE date_source = 'file' AND taken_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*');

UPDATE photos SET file_date = taken_at || coalesce(taken_tz, ''), taken_at = NULL, taken_tz = NULL, date_source = NULL
  WHERE date_source = 'file';
`,
};
