import { afterEach, describe, expect, it, vi } from 'vitest';
import { printOnThisDay, printPhoto, takenLine } from '../../../electron/cli/format.js';
import type { PhotoDetailView } from '../../../electron/contract/views.js';

const photo: PhotoDetailView = {
  id: 1, path: '/p/a.jpg', width: 10, height: 10, takenAt: '2019-07-14T10:00:00', camera: null, state: 'indexed', tags: [], caption: null, thumbnailHash: 'h', favorite: false, rating: 0, placeEstimated: false,
  fileName: 'a.jpg', size: 2048, format: 'jpeg', takenTz: '+02:00', dateSource: 'exif', zoneSource: 'file', timeZone: null, undated: false, fileDate: null,
  dateProblem: null, gpsProblem: null, cameraMake: null, cameraModel: null, lens: null, gps: null, place: null, placeEstimate: null, orientation: 1, contentHash: 'h', captionSource: null,
  errorKind: null, errorReason: null, indexedAt: null, faces: [],
};

describe('show: when a photo was taken', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the offset and where it came from, or says the zone is unknown', () => {
    expect(takenLine(photo)).toBe('2019-07-14 10:00:00 +02:00 (from exif)');
    expect(takenLine({ ...photo, zoneSource: 'gps', timeZone: 'Europe/Rome' })).toBe('2019-07-14 10:00:00 +02:00 (from exif, zone Europe/Rome from GPS)');
    expect(takenLine({ ...photo, takenTz: null, zoneSource: 'unknown' })).toBe('2019-07-14 10:00:00 (from exif, time zone unknown)');
  });

  it('says undated, with the file date as a hint, and why the file\'s date and GPS were refused', () => {
    const undated = {
      ...photo, takenAt: null, takenTz: null, dateSource: null, zoneSource: null, undated: true, fileDate: '2020-05-06T07:08:09+02:00',
      dateProblem: 'DateTimeOriginal "1900:01:01 00:00:00" has the year 1900, which cameras write when their clock was never set',
      gpsProblem: 'the GPS position is exactly 0, 0, which cameras write when they had no fix',
    };
    expect(takenLine(undated)).toBe('undated (file date 2020-05-06 07:08:09+02:00)');
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    printPhoto(undated);
    expect(lines).toContain('taken    undated (file date 2020-05-06 07:08:09+02:00)');
    expect(lines).toContain(`         no date: ${undated.dateProblem}`);
    expect(lines).toContain(`         no place: ${undated.gpsProblem}`);
  });
});

describe('on-this-day', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists each earlier year with its photos, and how to see all of a year', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    printOnThisDay({ today: '2024-07-14', years: [{ year: 2019, yearsAgo: 5, total: 3, photos: [photo] }, { year: 2023, yearsAgo: 1, total: 1, photos: [photo] }].sort((a, b) => b.year - a.year) });
    expect(lines).toEqual([
      '2023 (1 year ago): 1 photo',
      '  /p/a.jpg',
      '2019 (5 years ago): 3 photos',
      '  /p/a.jpg',
      '  … search them all with: phototag search day:2019-07-14',
    ]);
    lines.length = 0;
    printOnThisDay({ today: '2024-07-14', years: [] });
    expect(lines).toEqual(['No photos taken on 07-14 in earlier years.']);
  });
});
