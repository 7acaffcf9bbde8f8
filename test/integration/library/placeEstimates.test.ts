import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDetailView } from '../../../electron/contract/views.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { runCliJson } from '../../helpers/cli.js';
import { readExifLabels } from '../../helpers/exifLabels.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir, waitFor } from '../../helpers/tempDirs.js';

type Exif = NonNullable<Parameters<sharp.Sharp['withExif']>[0]>;

const labels = readExifLabels();
/** Two real located photos of one camera (NIKON COOLPIX P6000) in Arezzo, 31 minutes apart, copied to the temp dir. */
const located = ['DSCN0010.jpg', 'DSCN0042.jpg'];
const nikon = { Make: 'NIKON', Model: 'COOLPIX P6000' };
const testcam = { Make: 'Testcam', Model: 'T1' };
/** Florence and Siena, 50 km apart, as EXIF rationals. */
const florence = { GPSLatitudeRef: 'N', GPSLatitude: '43/1 46/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 15/1 20/1' };
const siena = { GPSLatitudeRef: 'N', GPSLatitude: '43/1 19/1 8/1', GPSLongitudeRef: 'E', GPSLongitude: '11/1 19/1 50/1' };
const zeroZero = { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' };

/** Photos made here, each a different colour so none shares a content hash. */
const made: Record<string, { exif: Exif; colour: string }> = {
  // 11 min 21 s after DSCN0010 (16:28:39), 20 min before DSCN0042 (17:00:07).
  'nikon-between.jpg': { exif: { IFD0: nikon, IFD2: { DateTimeOriginal: '2008:10:22 16:40:00' } }, colour: '#804020' },
  // GPS 0, 0 is no position: it may get an estimate like any photo without GPS; DSCN0042 is 10 min later.
  'nikon-zero.jpg': { exif: { IFD0: nikon, IFD2: { DateTimeOriginal: '2008:10:22 16:50:00' }, IFD3: zeroZero }, colour: '#208040' },
  // 1 h 29 min after DSCN0042: too long.
  'nikon-late.jpg': { exif: { IFD0: nikon, IFD2: { DateTimeOriginal: '2008:10:22 18:30:00' } }, colour: '#402080' },
  'no-camera.jpg': { exif: { IFD2: { DateTimeOriginal: '2008:10:22 16:30:00' } }, colour: '#a0a020' },
  'other-camera.jpg': { exif: { IFD0: { Make: 'Canon', Model: 'Canon PowerShot SD300' }, IFD2: { DateTimeOriginal: '2008:10:22 16:30:00' } }, colour: '#20a0a0' },
  'testcam-florence.jpg': { exif: { IFD0: testcam, IFD2: { DateTimeOriginal: '2019:07:14 10:00:00' }, IFD3: florence }, colour: '#a020a0' },
  'testcam-siena.jpg': { exif: { IFD0: testcam, IFD2: { DateTimeOriginal: '2019:07:14 11:00:00' }, IFD3: siena }, colour: '#606060' },
  // Between Florence and Siena: the two sides disagree by 50 km, so no estimate.
  'testcam-between.jpg': { exif: { IFD0: testcam, IFD2: { DateTimeOriginal: '2019:07:14 10:30:00' } }, colour: '#103050' },
  // Before Florence, with Siena more than an hour away: Florence.
  'testcam-before.jpg': { exif: { IFD0: testcam, IFD2: { DateTimeOriginal: '2019:07:14 09:35:00' } }, colour: '#503010' },
};

describe('place estimates for photos without GPS, from real and made photos', () => {
  const temp = makeTempDir('phototag-estimates-');
  const photosDir = path.join(temp.dir, 'photos');
  const dataDir = path.join(temp.dir, 'data');
  let library: LibraryService;
  const show = (name: string) => library.describePhoto(path.join(photosDir, name));
  const names = (query: string) => library.search(query, { limit: 100, offset: 0 }).results.map((r) => path.basename(r.path)).sort();

  beforeAll(async () => {
    fs.mkdirSync(photosDir);
    for (const name of located) fs.copyFileSync(sharedData('exif', 'images', name), path.join(photosDir, name));
    for (const [name, { exif, colour }] of Object.entries(made)) {
      await sharp({ create: { width: 16, height: 12, channels: 3, background: colour } }).withExif(exif).jpeg().toFile(path.join(photosDir, name));
    }
    library = LibraryService.open({ dataDir });
    library.addFolder(photosDir);
    await library.index();
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('uses the labelled camera and times of the real photos', () => {
    for (const name of located) expect(labels[name]).toMatchObject({ make: 'NIKON', model: 'COOLPIX P6000' });
    expect(show('DSCN0010.jpg')).toMatchObject({ takenAt: '2008-10-22T16:28:39', cameraModel: expect.stringContaining('P6000'), placeEstimate: null });
    expect(show('DSCN0010.jpg').place?.town).toBe('Arezzo');
  });

  it('estimates from the nearest located photo of the same camera, marked, and apart from the GPS place', () => {
    const between = show('nikon-between.jpg');
    expect(between.place).toBeNull();
    expect(between.placeEstimate).toMatchObject({ town: 'Arezzo', countryCode: 'IT', name: 'Arezzo, Italy', offsetMinutes: -11, sourceFileName: 'DSCN0010.jpg' });
    expect(between.placeEstimate?.note).toBe('estimated (from DSCN0010.jpg, 11 min earlier)');
    // Its position is the source photo's, for the photo view's map to draw as estimated.
    expect(between.placeEstimate?.position).toEqual({ lat: show('DSCN0010.jpg').gps?.lat, lon: show('DSCN0010.jpg').gps?.lon });
    expect(show('nikon-zero.jpg')).toMatchObject({ gps: null, place: null, gpsProblem: expect.stringMatching(/exactly 0, 0/) });
    expect(show('nikon-zero.jpg').placeEstimate?.note).toBe('estimated (from DSCN0042.jpg, 10 min later)');
    expect(show('testcam-before.jpg').placeEstimate?.note).toBe('estimated (from testcam-florence.jpg, 25 min later)');
  });

  it('gives none over an hour away, without a camera, from another camera, or between located photos far apart', () => {
    for (const name of ['nikon-late.jpg', 'no-camera.jpg', 'other-camera.jpg', 'testcam-between.jpg']) expect(show(name).placeEstimate, name).toBeNull();
  });

  it('keeps estimates out of place:, country: and free text; estimate: and has:estimate ask for them', () => {
    expect(names('place:arezzo')).toEqual(located);
    expect(names('country:italy')).toEqual([...located, 'testcam-florence.jpg', 'testcam-siena.jpg'].sort());
    expect(names('arezzo')).toEqual(located);
    expect(names('estimate:arezzo')).toEqual(['nikon-between.jpg', 'nikon-zero.jpg']);
    expect(names('estimate:it')).toEqual(['nikon-between.jpg', 'nikon-zero.jpg', 'testcam-before.jpg']);
    expect(names('place:arezzo OR estimate:arezzo')).toEqual([...located, 'nikon-between.jpg', 'nikon-zero.jpg'].sort());
    expect(names('has:estimate')).toEqual(['nikon-between.jpg', 'nikon-zero.jpg', 'testcam-before.jpg']);
    expect(library.facets('').places.find((p) => p.name === 'Arezzo')?.count).toBe(2);
  });

  it('prints the estimate, marked, in show --json', () => {
    const shown = runCliJson<PhotoDetailView>(['--data-dir', dataDir, 'show', path.join(photosDir, 'nikon-between.jpg')]);
    expect(shown.place).toBeNull();
    expect(shown.placeEstimate).toMatchObject({ name: 'Arezzo, Italy', note: 'estimated (from DSCN0010.jpg, 11 min earlier)' });
  });

  it('is finished by the next pass after a stop lost some of it', async () => {
    // As a kill between two batches leaves it: some estimates written, others not, one stale.
    const db = new Database(path.join(dataDir, 'library.db'));
    db.prepare('DELETE FROM photo_place_estimates WHERE photo_id = (SELECT id FROM photos WHERE file_name = ?)').run('nikon-between.jpg');
    db.prepare("UPDATE photo_place_estimates SET town = 'Nowhere' WHERE photo_id = (SELECT id FROM photos WHERE file_name = ?)").run('nikon-zero.jpg');
    db.close();
    await library.index();
    expect(show('nikon-between.jpg').placeEstimate?.note).toBe('estimated (from DSCN0010.jpg, 11 min earlier)');
    expect(show('nikon-zero.jpg').placeEstimate?.town).toBe('Arezzo');
    expect(names('estimate:arezzo')).toEqual(['nikon-between.jpg', 'nikon-zero.jpg']);
  });

  it('follows the photos as they go and come back', async () => {
    fs.renameSync(path.join(photosDir, 'DSCN0010.jpg'), path.join(temp.dir, 'DSCN0010.jpg'));
    await library.index();
    expect(show('nikon-between.jpg').placeEstimate?.note).toBe('estimated (from DSCN0042.jpg, 20 min later)');
    fs.renameSync(path.join(photosDir, 'DSCN0042.jpg'), path.join(temp.dir, 'DSCN0042.jpg'));
    await library.index();
    expect(show('nikon-between.jpg').placeEstimate).toBeNull();
    expect(names('estimate:arezzo')).toEqual([]);
    expect(names('has:estimate')).toEqual(['testcam-before.jpg']);
    fs.renameSync(path.join(temp.dir, 'DSCN0010.jpg'), path.join(photosDir, 'DSCN0010.jpg'));
    await library.index();
    expect(show('nikon-between.jpg').placeEstimate?.sourceFileName).toBe('DSCN0010.jpg');
    expect(names('estimate:arezzo')).toEqual(['nikon-between.jpg', 'nikon-zero.jpg']);
  });
});

describe('place estimates while watching', () => {
  it('follow a located photo that appears and goes while the library is watched', async () => {
    const temp = makeTempDir('phototag-estimates-watch-');
    const photosDir = path.join(temp.dir, 'photos');
    fs.mkdirSync(photosDir);
    const between = path.join(photosDir, 'nikon-between.jpg');
    await sharp({ create: { width: 16, height: 12, channels: 3, background: '#804020' } }).withExif(made['nikon-between.jpg']?.exif ?? {}).jpeg().toFile(between);
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), watch: { stabilityMs: 200 }, regroupQuietMs: 200 });
    const controller = new AbortController();
    library.addFolder(photosDir);
    const watching = library.watch(controller.signal);
    try {
      await waitFor(() => library.status().photos.indexed === 1, 'the photo without GPS to be indexed');
      expect(library.describePhoto(between).placeEstimate).toBeNull();
      fs.copyFileSync(sharedData('exif', 'images', 'DSCN0010.jpg'), path.join(photosDir, 'DSCN0010.jpg'));
      await waitFor(() => library.describePhoto(between).placeEstimate?.sourceFileName === 'DSCN0010.jpg', 'the estimate from the new located photo');
      expect(library.search('estimate:arezzo', { limit: 10, offset: 0 }).total).toBe(1);
      fs.rmSync(path.join(photosDir, 'DSCN0010.jpg'));
      await waitFor(() => library.describePhoto(between).placeEstimate === null, 'the estimate to go with its source');
      expect(library.search('estimate:arezzo', { limit: 10, offset: 0 }).total).toBe(0);
    } finally {
      controller.abort();
      await watching;
      library.close();
      temp.cleanup();
    }
  });
});
