import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PhotoFacts } from '../../../db/repositories/PhotoRepository.js';
import { pipelineVersionFor } from '../../../electron/core/pipeline/pipelineVersion.js';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

type Exif = NonNullable<Parameters<sharp.Sharp['withExif']>[0]>;

/** Florence, as EXIF rationals. */
const florence = { GPSLatitudeRef: 'N', GPSLatitude: '43/1 46/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 15/1 20/1' };
const zeroZero = { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1', GPSAltitude: '35/1' };

/** Each photo a different colour, so no two share a content hash (which would make them one photo). */
const photos: Record<string, { exif: Exif | null; colour: string }> = {
  'zoned.jpg': { exif: { IFD2: { DateTimeOriginal: '2019:07:14 10:00:00', OffsetTimeOriginal: '+02:00' }, IFD3: florence }, colour: '#804020' },
  'no-zone.jpg': { exif: { IFD2: { DateTimeOriginal: '2018:07:14 09:30:00' } }, colour: '#208040' },
  'newest.jpg': { exif: { IFD2: { DateTimeOriginal: '2021:01:02 08:00:00' } }, colour: '#402080' },
  'year-1900.jpg': { exif: { IFD2: { DateTimeOriginal: '1900:01:01 00:00:00' }, IFD3: zeroZero }, colour: '#a0a020' },
  'year-2099.jpg': { exif: { IFD2: { DateTimeOriginal: '2099:12:31 23:59:59' } }, colour: '#20a0a0' },
  'feb-30.jpg': { exif: { IFD2: { DateTimeOriginal: '2019:02:30 10:00:00' }, IFD3: { GPSAltitude: '120/1' } }, colour: '#a020a0' },
  'out-of-range.jpg': { exif: { IFD2: { DateTimeOriginal: '2017:05:05 05:05:05' }, IFD3: { ...florence, GPSLatitude: '95/1 0/1 0/1' } }, colour: '#606060' },
  'no-exif.jpg': { exif: null, colour: '#f0f0f0' },
  'same-day-2019.jpg': { exif: { IFD2: { DateTimeOriginal: '2019:07:14 18:45:00' } }, colour: '#103050' },
  'day-before.jpg': { exif: { IFD2: { DateTimeOriginal: '2020:07:13 23:59:59' } }, colour: '#503010' },
  'gps-no-offset.jpg': { exif: { IFD2: { DateTimeOriginal: '2016:01:20 15:00:00' }, IFD3: florence }, colour: '#705030' },
  'leap-day.jpg': { exif: { IFD2: { DateTimeOriginal: '2020:02:29 12:00:00' } }, colour: '#305010' },
};
/** The no-date file's modification time, in the machine's zone, like the hint it must give. */
const fileTime = new Date(2020, 4, 6, 7, 8, 9);

describe('capture time you can trust, on photos made with real EXIF', () => {
  const temp = makeTempDir('phototag-time-');
  const photosDir = path.join(temp.dir, 'photos');
  let library: LibraryService;
  /** The library's clock: the real one while indexing, a chosen day for "on this day". */
  let today: Date | null = null;
  const show = (name: string) => library.describePhoto(path.join(photosDir, name));
  const names = (query: string) => library.search(query, { limit: 100, offset: 0 }).results.map((r) => path.basename(r.path));

  beforeAll(async () => {
    fs.mkdirSync(photosDir);
    for (const [name, { exif, colour }] of Object.entries(photos)) {
      const image = sharp({ create: { width: 16, height: 12, channels: 3, background: colour } });
      await (exif ? image.withExif(exif) : image).jpeg().toFile(path.join(photosDir, name));
    }
    fs.utimesSync(path.join(photosDir, 'no-exif.jpg'), fileTime, fileTime);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), clock: { now: () => today?.getTime() ?? Date.now() } });
    library.addFolder(photosDir);
    await library.index();
  });

  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('indexes every one of them: bad dates and GPS are reasons, never failures', () => {
    expect(library.status().photos).toMatchObject({ total: 12, indexed: 12, failed: 0 });
  });

  it('keeps the offset the camera wrote, and says when the zone is unknown', () => {
    expect(show('zoned.jpg')).toMatchObject({ takenAt: '2019-07-14T10:00:00', takenTz: '+02:00', zoneSource: 'file', undated: false, fileDate: null, dateProblem: null });
    expect(show('zoned.jpg').place).toMatchObject({ town: 'Florence', countryCode: 'IT' });
    expect(show('no-zone.jpg')).toMatchObject({ takenAt: '2018-07-14T09:30:00', takenTz: null, zoneSource: 'unknown', timeZone: null, undated: false });
    expect(show('zoned.jpg').timeZone).toBeNull();
  });

  it('takes the offset of the GPS position\'s zone on that date when the file wrote none', () => {
    expect(show('gps-no-offset.jpg')).toMatchObject({ takenAt: '2016-01-20T15:00:00', takenTz: '+01:00', zoneSource: 'gps', timeZone: 'Europe/Rome' });
  });

  it('makes a photo without a date undated, with its file date only as a hint', () => {
    const photo = show('no-exif.jpg');
    expect(photo).toMatchObject({ takenAt: null, takenTz: null, dateSource: null, zoneSource: null, undated: true, dateProblem: null });
    expect(photo.fileDate).toMatch(/^2020-05-06T07:08:09[+-]\d{2}:\d{2}$/);
  });

  it.each([
    ['year-1900.jpg', 'DateTimeOriginal "1900:01:01 00:00:00" has the year 1900, which cameras write when their clock was never set'],
    ['year-2099.jpg', 'DateTimeOriginal "2099:12:31 23:59:59" has the year 2099, which cameras write when their clock was never set'],
    ['feb-30.jpg', 'DateTimeOriginal "2019:02:30 10:00:00" has no day 30 in that month'],
  ])('gives %s no date, and says why', (name, dateProblem) => {
    expect(show(name)).toMatchObject({ takenAt: null, undated: true, dateProblem });
    expect(show(name).fileDate).not.toBeNull();
  });

  it.each([
    ['year-1900.jpg', 'the GPS position is exactly 0, 0, which cameras write when they had no fix'],
    ['feb-30.jpg', 'the GPS block has an altitude but no latitude or longitude'],
    ['out-of-range.jpg', 'the GPS latitude 95 is outside -90…90'],
  ])('gives %s no position and no place, and says why', (name, gpsProblem) => {
    expect(show(name)).toMatchObject({ gps: null, place: null, gpsProblem });
  });

  it('finds undated photos with -has:date, and sorts them after every dated one', () => {
    expect(names('-has:date').sort()).toEqual(['feb-30.jpg', 'no-exif.jpg', 'year-1900.jpg', 'year-2099.jpg']);
    const dated = ['newest.jpg', 'day-before.jpg', 'leap-day.jpg', 'same-day-2019.jpg', 'zoned.jpg', 'no-zone.jpg', 'out-of-range.jpg', 'gps-no-offset.jpg'];
    expect(names('has:date').sort()).toEqual([...dated].sort());
    const all = names('');
    expect(all.slice(0, dated.length)).toEqual(dated);
    expect(all.slice(dated.length).sort()).toEqual(['feb-30.jpg', 'no-exif.jpg', 'year-1900.jpg', 'year-2099.jpg']);
  });

  it('counts undated photos in their own facet entry, in no year however old their file', () => {
    const facets = library.facets('');
    expect(facets.years.map((y) => y.year).sort()).toEqual(['2016', '2017', '2018', '2019', '2020', '2021']);
    expect(facets.undated).toBe(4);
    expect(library.facets('has:date').undated).toBe(0);
    expect(library.facets('-has:date')).toMatchObject({ years: [], undated: 4 });
  });

  it.each([
    ['date:2019', ['same-day-2019.jpg', 'zoned.jpg']],
    ['date:2019-07', ['same-day-2019.jpg', 'zoned.jpg']],
    ['date:2020-07-13', ['day-before.jpg']],
    ['day:2019-07-14', ['same-day-2019.jpg', 'zoned.jpg']],
    ['day:2020-02-29', ['leap-day.jpg']],
    ['month:july', ['day-before.jpg', 'same-day-2019.jpg', 'zoned.jpg', 'no-zone.jpg']],
    ['month:Jul -date:2019', ['day-before.jpg', 'no-zone.jpg']],
    ['month:2', ['leap-day.jpg']],
    ['month:january', ['newest.jpg', 'gps-no-offset.jpg']],
    ['month:may', ['out-of-range.jpg']],
    ['month:march', []],
    ['year:2020 month:feb', ['leap-day.jpg']],
  ])('finds %s, newest first', (query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it('points a bad date at its spot, as a query-syntax error', () => {
    const error = (() => {
      try {
        library.search('month:juli', { limit: 10, offset: 0 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LibraryError);
    expect(error).toMatchObject({ kind: 'query-syntax', details: { position: 6, length: 4 } });
  });

  it('shows on this day the photos of today\'s month-day in earlier years, grouped by year, newest first', () => {
    today = new Date(2024, 6, 14, 9, 0, 0);
    const view = library.onThisDay(8);
    expect(view.today).toBe('2024-07-14');
    expect(view.years.map((y) => ({ year: y.year, ago: y.yearsAgo, total: y.total, names: y.photos.map((p) => path.basename(p.path)) }))).toEqual([
      { year: 2019, ago: 5, total: 2, names: ['same-day-2019.jpg', 'zoned.jpg'] },
      { year: 2018, ago: 6, total: 1, names: ['no-zone.jpg'] },
    ]);
    expect(library.onThisDay(1).years[0]).toMatchObject({ year: 2019, total: 2, photos: [expect.objectContaining({ takenAt: '2019-07-14T18:45:00' })] });
    // Not this year's photos, not the day before, and 29 February only in leap years.
    today = new Date(2019, 6, 14, 9, 0, 0);
    expect(library.onThisDay(8).years.map((y) => y.year)).toEqual([2018]);
    today = new Date(2024, 1, 29, 9, 0, 0);
    expect(library.onThisDay(8).years.map((y) => y.year)).toEqual([2020]);
    today = new Date(2025, 0, 5, 9, 0, 0);
    expect(library.onThisDay(8)).toEqual({ today: '2025-01-05', years: [] });
    today = null;
  });
});

describe('a library indexed before GPS time zones were read', () => {
  it('gets them from the stored date and GPS at the next index pass, without decoding a photo', async () => {
    const temp = makeTempDir('phototag-zones-');
    const dataDir = path.join(temp.dir, 'data');
    try {
      const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
      // As the pipeline stored them then: a dated GPS photo with no offset, in a file that is no longer there.
      const stored = (name: string, takenAt: string, lat: number, lon: number) => {
        const id = db.photos.insert({ path: path.join(temp.dir, 'gone', name), fileName: name, folderId: null, size: 1, mtimeMs: 1, contentHash: name }, 1);
        db.photos.saveFacts(id, { ...noFacts, takenAt, dateSource: 'exif', gpsLat: lat, gpsLon: lon }, pipelineVersionFor(null), 1);
        return id;
      };
      const rome = stored('rome.jpg', '2019-07-14T10:00:00', 43.7696, 11.2558);
      const kansas = stored('kansas.jpg', '2021-01-11T15:47:53', 39.0513, -94.2888);
      db.close();
      const library = LibraryService.open({ dataDir, geocoder: null });
      try {
        expect(library.describePhoto(String(rome)).zoneSource).toBe('unknown');
        await library.index();
        expect(library.describePhoto(String(rome))).toMatchObject({ takenAt: '2019-07-14T10:00:00', takenTz: '+02:00', zoneSource: 'gps', timeZone: 'Europe/Rome', state: 'indexed' });
        expect(library.describePhoto(String(kansas))).toMatchObject({ takenTz: '-06:00', zoneSource: 'gps', timeZone: 'America/Chicago' });
      } finally {
        library.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});

const noFacts: PhotoFacts = {
  width: 16, height: 12, format: 'jpeg', takenAt: null, takenTz: null, dateSource: null, takenTzSource: null, takenZone: null, fileDate: null,
  dateProblem: null, gpsProblem: null, cameraMake: null, cameraModel: null, camera: null, lens: null, gpsLat: null, gpsLon: null, gpsAlt: null, orientation: 1,
};
