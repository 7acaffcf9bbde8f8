import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PhotoFacts } from '../../../db/repositories/PhotoRepository.js';
import { facetCounts } from '../../../db/search/facetCounts.js';
import { estimatedLocations, photoLocations } from '../../../db/search/photoLocations.js';
import { searchPhotos } from '../../../db/search/searchPhotos.js';
import { fillPlaceEstimates } from '../../../electron/core/places/fillPlaceEstimates.js';
import { fillPlaces } from '../../../electron/core/places/fillPlaces.js';
import { createPlaceGeocoder } from '../../../electron/core/places/geonamesGeocoder.js';
import { pipelineVersionFor } from '../../../electron/core/pipeline/pipelineVersion.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const facts: PhotoFacts = {
  width: 16, height: 12, format: 'jpeg', takenAt: null, takenTz: null, dateSource: 'exif', takenTzSource: null, takenZone: null, fileDate: null,
  dateProblem: null, gpsProblem: null, cameraMake: 'NIKON', cameraModel: 'COOLPIX P6000', camera: 'Nikon COOLPIX P6000', lens: null, gpsLat: null, gpsLon: null, gpsAlt: null, orientation: 1,
};
const florence = { gpsLat: 43.7696, gpsLon: 11.2558 };
const siena = { gpsLat: 43.3188, gpsLon: 11.3308 };

/**
 * A real SQLite library as the pipeline leaves it (facts, GPS places from the shipped geocoder, then the estimate
 * pass): two located photos in Florence and one in Siena; three photos without GPS estimated in Florence, one in
 * Siena, one with no located photo near it in time.
 */
describe('the Places facet keeps estimated places apart from GPS places', () => {
  const temp = makeTempDir('phototag-estimate-facets-');
  let db: LibraryDatabase;

  beforeAll(async () => {
    db = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    const stored = (name: string, more: Partial<PhotoFacts>) => {
      const id = db.photos.insert({ path: path.join(temp.dir, name), fileName: name, folderId: null, size: 1, mtimeMs: 1, contentHash: name }, 1);
      db.photos.saveFacts(id, { ...facts, ...more }, pipelineVersionFor(null), 1);
      db.searchIndex.refresh(id);
      return id;
    };
    stored('florence-1.jpg', { takenAt: '2019-07-14T10:00:00', ...florence });
    stored('florence-2.jpg', { takenAt: '2019-07-14T10:05:00', ...florence });
    stored('guess-florence-1.jpg', { takenAt: '2019-07-14T10:10:00' });
    stored('guess-florence-2.jpg', { takenAt: '2019-07-14T10:20:00' });
    stored('guess-florence-3.jpg', { takenAt: '2019-07-14T09:30:00' });
    stored('siena.jpg', { takenAt: '2019-07-20T15:00:00', ...siena });
    stored('guess-siena.jpg', { takenAt: '2019-07-20T15:30:00' });
    stored('nowhere.jpg', { takenAt: '2019-08-01T12:00:00' });
    await fillPlaces(db, createPlaceGeocoder());
    await fillPlaceEstimates(db);
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('counts GPS places and estimated places separately, never adding one to the other', () => {
    const facets = facetCounts(db.db, '');
    expect(facets.places).toEqual([
      { name: 'Florence', field: 'place', value: 'Florence', countryCode: 'IT', count: 2 },
      { name: 'Siena', field: 'place', value: 'Siena', countryCode: 'IT', count: 1 },
    ]);
    expect(facets.estimatedPlaces).toEqual([
      { name: 'Florence', value: 'Florence', countryCode: 'IT', count: 3 },
      { name: 'Siena', value: 'Siena', countryCode: 'IT', count: 1 },
    ]);
  });

  it('counts over the matches only, and each entry is what its estimate: term finds', () => {
    expect(facetCounts(db.db, 'date:2019-07-20').estimatedPlaces).toEqual([{ name: 'Siena', value: 'Siena', countryCode: 'IT', count: 1 }]);
    const florenceGuess = facetCounts(db.db, '').estimatedPlaces[0];
    const narrowed = facetCounts(db.db, `estimate:${florenceGuess?.value ?? ''}`);
    expect(narrowed.estimatedPlaces).toEqual([florenceGuess]);
    // The photos estimated in Florence have no GPS place: the GPS facet is empty for them.
    expect(narrowed.places).toEqual([]);
    expect(facetCounts(db.db, 'place:florence').estimatedPlaces).toEqual([]);
  });

  it('has no estimated entries when no match has an estimate', () => {
    expect(facetCounts(db.db, 'has:gps').estimatedPlaces).toEqual([]);
    expect(facetCounts(db.db, 'date:2019-08-01').estimatedPlaces).toEqual([]);
  });

  describe('on the map', () => {
    const names = (query: string) => searchPhotos(db.db, query, { limit: 100 }).results.map((r) => path.basename(r.path)).sort();
    const aroundFlorence = 'within:43.7,11.2,43.8,11.3';

    it('gives estimated photos apart from the located ones, at the position of the photo each estimate came from', () => {
      expect(photoLocations(db.db, '')).toHaveLength(3 * 3);
      const estimated = estimatedLocations(db.db, '');
      expect(estimated).toHaveLength(4 * 3);
      for (let i = 0; i < estimated.length; i += 3) expect([[43.7696, 11.2558], [43.3188, 11.3308]]).toContainEqual([estimated[i + 1], estimated[i + 2]]);
      expect(estimatedLocations(db.db, 'date:2019-07-20')).toHaveLength(3);
      expect(estimatedLocations(db.db, 'has:gps')).toEqual([]);
    });

    it('keeps an area to GPS positions unless it asks for estimates too (within:…,estimated)', () => {
      expect(names(aroundFlorence)).toEqual(['florence-1.jpg', 'florence-2.jpg']);
      expect(names(`${aroundFlorence},estimated`)).toEqual(['florence-1.jpg', 'florence-2.jpg', 'guess-florence-1.jpg', 'guess-florence-2.jpg', 'guess-florence-3.jpg']);
      expect(names(`has:estimate ${aroundFlorence},estimated`)).toEqual(['guess-florence-1.jpg', 'guess-florence-2.jpg', 'guess-florence-3.jpg']);
      expect(names('within:43.2,11.2,43.4,11.4,estimated')).toEqual(['guess-siena.jpg', 'siena.jpg']);
      // The facets of such an area count the estimated photos, still under their own entries.
      const facets = facetCounts(db.db, `${aroundFlorence},estimated`);
      expect(facets.places).toEqual([{ name: 'Florence', field: 'place', value: 'Florence', countryCode: 'IT', count: 2 }]);
      expect(facets.estimatedPlaces).toEqual([{ name: 'Florence', value: 'Florence', countryCode: 'IT', count: 3 }]);
      expect(facetCounts(db.db, aroundFlorence).estimatedPlaces).toEqual([]);
    });

    it('refuses a fifth part that is not "estimated"', () => {
      expect(() => names(`${aroundFlorence},nearby`)).toThrow(/Not an area/);
    });
  });
});
