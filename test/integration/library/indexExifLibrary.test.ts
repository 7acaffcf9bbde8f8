import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { exifDate, readExifLabels } from '../../helpers/exifLabels.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir, sha256File } from '../../helpers/tempDirs.js';

const labels = readExifLabels();
const imagesDir = sharedData('exif', 'images');

describe('indexing the real EXIF sample photos', () => {
  const temp = makeTempDir();
  let library: LibraryService;
  const hashesBefore = new Map<string, string>();

  beforeAll(async () => {
    for (const name of fs.readdirSync(imagesDir)) hashesBefore.set(name, sha256File(path.join(imagesDir, name)));
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data') });
    library.addFolder(imagesDir);
    await library.index();
  });

  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('indexes every file, each exactly once', () => {
    const status = library.status();
    expect(status.failures).toEqual([]);
    expect(status.photos).toMatchObject({ total: Object.keys(labels).length, indexed: Object.keys(labels).length, queued: 0, failed: 0 });
  });

  it('never writes to the originals', () => {
    for (const [name, hash] of hashesBefore) expect(sha256File(path.join(imagesDir, name)), name).toBe(hash);
  });

  it.each(Object.entries(labels))('stores date, camera, GPS and orientation of %s as labelled', (name, label) => {
    const photo = library.describePhoto(path.join(imagesDir, name));
    if (label.datetime_original && !label.datetime_original.startsWith('0000')) {
      expect(photo.takenAt).toBe(exifDate(label.datetime_original));
      expect(photo.dateSource).toBe('exif');
    } else if (label.xmp_datetime_original) {
      expect(photo.takenAt).toBe(exifDate(label.xmp_datetime_original));
    } else if (photo.takenAt !== null) {
      expect(['exif', 'xmp']).toContain(photo.dateSource);
    } else {
      // No date in the file: undated, with the file's time only as a hint beside it, never as the capture date.
      expect(photo).toMatchObject({ undated: true, dateSource: null, zoneSource: null, takenTz: null });
      expect(photo.fileDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      if (label.datetime_original?.startsWith('0000')) expect(photo.dateProblem).toMatch(/DateTimeOriginal "0000.*the camera did not know the date/);
    }
    if (photo.takenAt !== null) {
      const zoneSource = label.offset_time_original || label.xmp_datetime_original?.match(/(Z|[+-]\d{1,2}:\d{2})$/) ? 'file' : label.gps_latitude !== undefined ? 'gps' : 'unknown';
      expect(photo).toMatchObject({ undated: false, fileDate: null, zoneSource });
    }
    if (label.offset_time_original) expect(photo.takenTz).toBe(label.offset_time_original);
    if (label.make) {
      expect(photo.cameraMake).not.toBeNull();
      expect(photo.cameraModel).toBe(label.model?.trim() ?? null);
    }
    if (label.gps_latitude !== undefined && label.gps_longitude !== undefined) {
      expect(photo.gps).not.toBeNull();
      expect(photo.gps?.lat).toBeCloseTo(label.gps_latitude, 4);
      expect(photo.gps?.lon).toBeCloseTo(label.gps_longitude, 4);
    } else {
      expect(photo.gps).toBeNull();
    }
    if (label.exif_orientation !== undefined) expect(photo.orientation).toBe(label.exif_orientation);
    // Stored dimensions are as a viewer shows the photo: rotated by its orientation.
    if (name.startsWith('landscape_')) expect(photo.width).toBeGreaterThan(photo.height ?? 0);
    if (name.startsWith('portrait_')) expect(photo.height).toBeGreaterThan(photo.width ?? 0);
  });

  const paths = (q: string) => library.search(q, { limit: 500, offset: 0 }).results.map((r) => path.basename(r.path)).sort();

  it('finds a photo by its file name', () => {
    expect(paths('DSCN0010')).toEqual(['DSCN0010.jpg']);
    expect(paths('"WWL_(Polaroid)_ION230.jpg"')).toContain('WWL_(Polaroid)_ION230.jpg');
  });

  it('finds photos by camera', () => {
    const nikon = Object.entries(labels).filter(([, l]) => /nikon/i.test(l.make ?? '')).map(([n]) => n).sort();
    expect(nikon.length).toBeGreaterThan(5);
    expect(paths('camera:nikon')).toEqual(nikon);
  });

  it('finds photos by year', () => {
    const in2008 = Object.entries(labels).filter(([, l]) => l.datetime_original?.startsWith('2008')).map(([n]) => n).sort();
    expect(in2008.length).toBeGreaterThan(0);
    expect(paths('year:2008')).toEqual(in2008);
  });

  it('finds the photos with GPS', () => {
    const withGps = Object.entries(labels).filter(([, l]) => l.gps_latitude !== undefined).map(([n]) => n).sort();
    expect(paths('has:gps')).toEqual(withGps);
    expect(paths('has:gps camera:nikon').length).toBeLessThan(withGps.length);
  });

  it('finds photos by format', () => {
    const heic = Object.entries(labels).filter(([, l]) => l.format === 'HEIC').map(([n]) => n).sort();
    expect(paths('format:heic')).toEqual(heic);
  });

  it('a second pass finds nothing to do', async () => {
    const summary = await library.index();
    expect(summary).toMatchObject({ added: 0, changed: 0, moved: 0, removed: 0, done: 0, failed: 0 });
  });
});
