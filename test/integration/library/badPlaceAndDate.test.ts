import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDetailView } from '../../../electron/contract/views.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { runCliJson } from '../../helpers/cli.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

type Exif = NonNullable<Parameters<sharp.Sharp['withExif']>[0]>;

const florence = { GPSLatitudeRef: 'N', GPSLatitude: '43/1 46/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 15/1 20/1' };
const date = { DateTimeOriginal: '2019:07:14 10:00:00' };

/**
 * Bad GPS and dates as cameras and editors write them, beyond those captureTime.test.ts covers (1900, 2099, 30
 * February, 0,0, an altitude alone, latitude 95): each must give no place or no date, with the reason, never a failure.
 */
const photos: Record<string, { exif: Exif; problem: { gps?: string; date?: string } }> = {
  // 0/0 rationals: exifr divides them into NaN.
  'gps-nan.jpg': { exif: { IFD2: date, IFD3: { ...florence, GPSLatitude: '0/0 0/0 0/0' } }, problem: { gps: 'the GPS latitude (NaN, NaN, NaN) is not a number of degrees' } },
  'gps-longitude-200.jpg': { exif: { IFD2: date, IFD3: { ...florence, GPSLongitude: '200/1 0/1 0/1' } }, problem: { gps: 'the GPS longitude 200 is outside -180…180' } },
  'gps-latitude-only.jpg': { exif: { IFD2: date, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 46/1 12/1' } }, problem: { gps: 'the GPS block has a latitude but no longitude' } },
  'gps-zero-with-altitude.jpg': { exif: { IFD2: date, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1', GPSAltitude: '12/1' } }, problem: { gps: 'the GPS position is exactly 0, 0, which cameras write when they had no fix' } },
  'date-month-13.jpg': { exif: { IFD2: { DateTimeOriginal: '2019:13:01 10:00:00' } }, problem: { date: 'DateTimeOriginal "2019:13:01 10:00:00" has no month 13' } },
  'date-hour-25.jpg': { exif: { IFD2: { DateTimeOriginal: '2019:07:14 25:00:00' } }, problem: { date: 'DateTimeOriginal "2019:07:14 25:00:00" has no time 25:00:00' } },
  'date-zeros.jpg': { exif: { IFD2: { DateTimeOriginal: '0000:00:00 00:00:00' } }, problem: { date: 'DateTimeOriginal "0000:00:00 00:00:00" is blank (zeros): the camera did not know the date' } },
  // The EXIF standard's unknown date: spaces for every digit (exifr hands it back trimmed).
  'date-spaces.jpg': { exif: { IFD2: { DateTimeOriginal: '    :  :     :  :  ' } }, problem: { date: 'DateTimeOriginal ":  :     :  :" is blank (spaces): the camera did not know the date' } },
  'date-words.jpg': { exif: { IFD2: { DateTimeOriginal: 'not set' } }, problem: { date: 'DateTimeOriginal "not set" is not a date' } },
  'date-1900-and-nan.jpg': { exif: { IFD2: { DateTimeOriginal: '1900:01:01 00:00:00' }, IFD3: { ...florence, GPSLongitude: '0/0 0/0 0/0' } }, problem: { date: 'DateTimeOriginal "1900:01:01 00:00:00" has the year 1900, which cameras write when their clock was never set', gps: 'the GPS longitude (NaN, NaN, NaN) is not a number of degrees' } },
};

describe('bad GPS and dates give reasons in show, never failures', () => {
  const temp = makeTempDir('phototag-bad-input-');
  const photosDir = path.join(temp.dir, 'photos');
  const dataDir = path.join(temp.dir, 'data');
  let library: LibraryService;

  beforeAll(async () => {
    fs.mkdirSync(photosDir);
    let shade = 0;
    for (const [name, { exif }] of Object.entries(photos)) {
      shade += 20;
      await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: shade, g: 255 - shade, b: 90 } } }).withExif(exif).jpeg().toFile(path.join(photosDir, name));
    }
    library = LibraryService.open({ dataDir });
    library.addFolder(photosDir);
    await library.index();
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('indexes every photo', () => {
    expect(library.status().photos).toMatchObject({ total: Object.keys(photos).length, indexed: Object.keys(photos).length, failed: 0 });
  });

  it.each(Object.entries(photos))('%s: no place or no date, and why', (name, { problem }) => {
    const photo = library.describePhoto(path.join(photosDir, name));
    if (problem.gps) expect(photo).toMatchObject({ gps: null, place: null, placeEstimate: null, gpsProblem: problem.gps });
    else expect(photo).toMatchObject({ gpsProblem: null });
    if (problem.date) expect(photo).toMatchObject({ takenAt: null, undated: true, dateProblem: problem.date });
    else expect(photo).toMatchObject({ takenAt: '2019-07-14T10:00:00', dateProblem: null });
  });

  it('says the same in show --json', () => {
    for (const name of ['gps-nan.jpg', 'date-spaces.jpg', 'date-1900-and-nan.jpg']) {
      const shown = runCliJson<PhotoDetailView>(['--data-dir', dataDir, 'show', path.join(photosDir, name)]);
      const problem = photos[name]?.problem ?? {};
      expect({ gpsProblem: shown.gpsProblem, dateProblem: shown.dateProblem }).toEqual({ gpsProblem: problem.gps ?? null, dateProblem: problem.date ?? null });
    }
  });
});
