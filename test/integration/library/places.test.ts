import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDetailView } from '../../../electron/contract/views.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { runCliJson } from '../../helpers/cli.js';
import { readExifLabels } from '../../helpers/exifLabels.js';
import { exifPlaces } from '../../helpers/exifPlaces.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const imagesDir = sharedData('exif', 'images');
const labels = readExifLabels();
const gpsNames = Object.keys(exifPlaces);
const names = (page: { results: { path: string }[] }) => page.results.map((r) => path.basename(r.path)).sort();
const all = { limit: 200, offset: 0 };

describe('places of the real exif photos, indexed without models', () => {
  const temp = makeTempDir('phototag-places-');
  const dataDir = path.join(temp.dir, 'data');
  let library: LibraryService;

  beforeAll(async () => {
    library = LibraryService.open({ dataDir });
    library.addFolder(imagesDir);
    await library.index();
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('names every GPS photo as its ground truth says, and no photo without GPS', () => {
    for (const name of Object.keys(labels)) {
      const photo = library.describePhoto(path.join(imagesDir, name));
      const expected = exifPlaces[name];
      if (!expected) {
        expect(photo.place, name).toBeNull();
        continue;
      }
      expect(photo.place, name).toMatchObject({ town: expected.town, country: expected.country, countryCode: expected.countryCode });
    }
    expect(library.describePhoto(path.join(imagesDir, 'DSCN0010.jpg')).place?.name).toBe('Arezzo, Italy');
    expect(library.describePhoto(path.join(imagesDir, 'IMG_5195.HEIC')).place?.name).toBe('Blue Springs, Missouri, United States of America');
  });

  it('finds them with place:, country: and free text', () => {
    const arezzo = gpsNames.filter((n) => exifPlaces[n]?.town === 'Arezzo').sort();
    expect(names(library.search('place:arezzo', all))).toEqual(arezzo);
    expect(names(library.search('place:AREZZO', all))).toEqual(arezzo);
    expect(names(library.search('place:missouri', all))).toEqual(['IMG_5195.HEIC']);
    const italy = gpsNames.filter((n) => exifPlaces[n]?.countryCode === 'IT').sort();
    expect(names(library.search('country:italy', all))).toEqual(italy);
    expect(names(library.search('country:it', all))).toEqual(italy);
    expect(names(library.search('country:spain -place:madrid', all))).toEqual(['HMD_Nokia_8.3_5G_hdr.heif']);
    expect(names(library.search('madrid', all))).toEqual(['iphone_hdr_YES.jpg']);
    expect(names(library.search('kenya', all))).toEqual(['Kodak_CX7530.jpg']);
    expect(library.search('place:atlantis', all).total).toBe(0);
  });

  it('counts places in the facets, towns first by photos', () => {
    const facets = library.facets('');
    expect(facets.places[0]).toEqual({ name: 'Arezzo', field: 'place', value: 'Arezzo', countryCode: 'IT', count: 9 });
    expect(facets.places).toHaveLength(7);
    expect(library.facets('country:spain').places.map((p) => p.name).sort()).toEqual(['Colmenar Viejo', 'Madrid']);
  });

  it('prints the place in show --json', () => {
    const shown = runCliJson<PhotoDetailView>(['--data-dir', dataDir, 'show', path.join(imagesDir, 'Kodak_CX7530.jpg')]);
    expect(shown.place).toEqual({ town: 'Nakuru', region: null, country: 'Kenya', countryCode: 'KE', name: 'Nakuru, Kenya' });
  });
});

describe('a library indexed before places', () => {
  const temp = makeTempDir('phototag-places-backfill-');
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());

  it('gets its places from the stored GPS at the next index pass, without decoding a photo again', async () => {
    const before = LibraryService.open({ dataDir, geocoder: null });
    before.addFolder(imagesDir);
    await before.index();
    expect(before.describePhoto(path.join(imagesDir, 'iphone_hdr_YES.jpg')).place).toBeNull();
    expect(before.search('country:spain', all).total).toBe(0);
    before.close();

    const after = LibraryService.open({ dataDir });
    try {
      const summary = await after.index();
      expect(summary).toMatchObject({ added: 0, changed: 0, done: 0, failed: 0 });
      expect(after.describePhoto(path.join(imagesDir, 'iphone_hdr_YES.jpg')).place?.name).toBe('Madrid, Spain');
      expect(names(after.search('country:es', all))).toEqual(['HMD_Nokia_8.3_5G_hdr.heif', 'iphone_hdr_YES.jpg']);
      expect(after.search('place:arezzo', all).total).toBe(9);
    } finally {
      after.close();
    }
  });
});

describe('a photo whose new content has no GPS', () => {
  const temp = makeTempDir('phototag-places-lost-');
  afterAll(() => temp.cleanup());

  it('loses its place with its new facts', async () => {
    const folder = path.join(temp.dir, 'photos');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'walk.jpg');
    fs.copyFileSync(path.join(imagesDir, 'DSCN0010.jpg'), file);
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data') });
    try {
      library.addFolder(folder);
      await library.index();
      expect(library.describePhoto(file).place?.town).toBe('Arezzo');
      expect(library.search('place:arezzo', all).total).toBe(1);
      fs.copyFileSync(path.join(imagesDir, 'no_exif.jpg'), file);
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      await library.index();
      expect(library.describePhoto(file).gps).toBeNull();
      expect(library.describePhoto(file).place).toBeNull();
      expect(library.search('place:arezzo', all).total).toBe(0);
      expect(library.search('arezzo', all).total).toBe(0);
    } finally {
      library.close();
    }
  });
});

describe('place data that cannot load', () => {
  const temp = makeTempDir('phototag-places-broken-');
  afterAll(() => temp.cleanup());

  it('stops neither indexing nor the backfill: photos are stored without places, named once it loads', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const broken = { version: 1, placesOf: (): Promise<never> => Promise.reject(new Error('cannot read cities.pbf')) };
    const library = LibraryService.open({ dataDir, geocoder: broken });
    try {
      library.addFolder(imagesDir);
      const summary = await library.index();
      expect(summary.failed).toBe(0);
      expect(library.status().photos.indexed).toBe(Object.keys(labels).length);
      expect(library.describePhoto(path.join(imagesDir, 'DSCN0010.jpg')).place).toBeNull();
      await library.index();
    } finally {
      library.close();
    }
    const fixed = LibraryService.open({ dataDir });
    try {
      await fixed.index();
      expect(fixed.describePhoto(path.join(imagesDir, 'DSCN0010.jpg')).place?.name).toBe('Arezzo, Italy');
    } finally {
      fixed.close();
    }
  });
});
