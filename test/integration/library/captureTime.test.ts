import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
};
/** The no-date file's modification time, in the machine's zone, like the hint it must give. */
const fileTime = new Date(2020, 4, 6, 7, 8, 9);

describe('capture time you can trust, on photos made with real EXIF', () => {
  const temp = makeTempDir('phototag-time-');
  const photosDir = path.join(temp.dir, 'photos');
  let library: LibraryService;
  const show = (name: string) => library.describePhoto(path.join(photosDir, name));
  const names = (query: string) => library.search(query, { limit: 100, offset: 0 }).results.map((r) => path.basename(r.path));

  beforeAll(async () => {
    fs.mkdirSync(photosDir);
    for (const [name, { exif, colour }] of Object.entries(photos)) {
      const image = sharp({ create: { width: 16, height: 12, channels: 3, background: colour } });
      await (exif ? image.withExif(exif) : image).jpeg().toFile(path.join(photosDir, name));
    }
    fs.utimesSync(path.join(photosDir, 'no-exif.jpg'), fileTime, fileTime);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data') });
    library.addFolder(photosDir);
    await library.index();
  });

  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('indexes every one of them: bad dates and GPS are reasons, never failures', () => {
    expect(library.status().photos).toMatchObject({ total: 8, indexed: 8, failed: 0 });
  });

  it('keeps the offset the camera wrote, and says when the zone is unknown', () => {
    expect(show('zoned.jpg')).toMatchObject({ takenAt: '2019-07-14T10:00:00', takenTz: '+02:00', zoneSource: 'file', undated: false, fileDate: null, dateProblem: null });
    expect(show('zoned.jpg').place).toMatchObject({ town: 'Florence', countryCode: 'IT' });
    expect(show('no-zone.jpg')).toMatchObject({ takenAt: '2018-07-14T09:30:00', takenTz: null, zoneSource: 'unknown', undated: false });
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
    expect(names('has:date').sort()).toEqual(['newest.jpg', 'no-zone.jpg', 'out-of-range.jpg', 'zoned.jpg']);
    const all = names('');
    expect(all.slice(0, 4)).toEqual(['newest.jpg', 'zoned.jpg', 'no-zone.jpg', 'out-of-range.jpg']);
    expect(all.slice(4).sort()).toEqual(['feb-30.jpg', 'no-exif.jpg', 'year-1900.jpg', 'year-2099.jpg']);
    // No undated photo is counted in a year, however old its file.
    expect(library.facets('').years.map((y) => y.year).sort()).toEqual(['2017', '2018', '2019', '2021']);
  });
});
