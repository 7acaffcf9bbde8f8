import { describe, expect, it } from 'vitest';
import { createPlaceGeocoder, loadPlaceData, regionName } from '../../../electron/core/places/geonamesGeocoder.js';
import { distanceKm, placeAt, TOWN_RADIUS_KM, TownIndex, type CountryLookup, type Town } from '../../../electron/core/places/placeIndex.js';
import { exifPlaces } from '../../helpers/exifPlaces.js';
import { readExifLabels } from '../../helpers/exifLabels.js';

const geocoder = createPlaceGeocoder();
const labels = readExifLabels();

describe('the shipped geocoder (GeoNames towns, country borders) on known coordinates', () => {
  const gpsPhotos = Object.entries(labels).filter(([, l]) => l.gps_latitude !== undefined && l.gps_longitude !== undefined);

  it('has ground truth for every GPS photo of the exif set', () => {
    expect(gpsPhotos.map(([name]) => name).sort()).toEqual(Object.keys(exifPlaces).sort());
  });

  it.each(gpsPhotos)('names %s as a person would', (name, label) => {
    const expected = exifPlaces[name];
    expect(geocoder.placeOf(label.gps_latitude as number, label.gps_longitude as number)).toEqual({
      town: expected?.town,
      region: expected?.region ?? null,
      country: expected?.country,
      countryCode: expected?.countryCode,
    });
  });

  it('says Madrid, not the district whose GeoNames point is nearest', () => {
    const data = geocoder.loaded() ?? loadPlaceData();
    const [lat, lon] = [labels['iphone_hdr_YES.jpg']?.gps_latitude as number, labels['iphone_hdr_YES.jpg']?.gps_longitude as number];
    expect(data.towns.within(lat, lon, TOWN_RADIUS_KM)[0]?.town).toMatchObject({ name: 'Moncloa-Aravaca', featureCode: 'PPLX' });
    expect(geocoder.placeOf(lat, lon)?.town).toBe('Madrid');
  });

  it('invents no place in the open ocean, nor a town in the desert or far out of town, but names the country', () => {
    expect(geocoder.placeOf(30, -40)).toBeNull(); // mid-Atlantic
    expect(geocoder.placeOf(-50, -120)).toBeNull(); // South Pacific
    expect(geocoder.placeOf(22, 25)).toEqual({ town: null, region: null, country: 'Egypt', countryCode: 'EG' }); // Western Desert
    expect(geocoder.placeOf(23.5, 12)).toEqual({ town: null, region: null, country: 'Niger', countryCode: 'NE' }); // Ténéré
    expect(geocoder.placeOf(-25, 131)).toMatchObject({ town: null, countryCode: 'AU' }); // central Australia
  });

  it('takes the country from the borders, and the town from that country only', () => {
    // Either bank of the Rhine: Strasbourg's centre is closer to the German bank than Kehl's is to Strasbourg's.
    expect(geocoder.placeOf(48.5734, 7.7521)).toMatchObject({ town: 'Strasbourg', countryCode: 'FR' });
    expect(geocoder.placeOf(48.5717, 7.8157)).toMatchObject({ town: 'Kehl', countryCode: 'DE', country: 'Germany' });
    // Geneva airport's surroundings are Swiss; Ferney-Voltaire over the border is French.
    expect(geocoder.placeOf(46.2558, 6.1077)).toMatchObject({ countryCode: 'FR' });
    // GeoNames names many towns in their own language: Genève, not Geneva.
    expect(geocoder.placeOf(46.2044, 6.1432)).toMatchObject({ town: 'Genève', countryCode: 'CH' });
  });

  it('folds a territory into the country its borders answer, and names US states', () => {
    expect(geocoder.placeOf(18.4, -66.1)).toMatchObject({ countryCode: 'US', town: expect.any(String) });
    expect(geocoder.placeOf(40.7128, -74.006)).toMatchObject({ town: 'New York City', region: 'New York', countryCode: 'US' });
  });

  it('names no place for impossible coordinates', () => {
    expect(geocoder.placeOf(91, 0)).toBeNull();
    expect(geocoder.placeOf(0, 181)).toBeNull();
    expect(geocoder.placeOf(Number.NaN, 0)).toBeNull();
  });

  it('names no place at 0, 0 (a camera without a fix), without loading any data for it', () => {
    expect(geocoder.placeOf(0, 0)).toBeNull();
    const lazy = createPlaceGeocoder(() => {
      throw new Error('must not load for 0, 0');
    });
    expect(lazy.placeOf(0, 0)).toBeNull();
    expect(lazy.placeOf(Number.NaN, Number.NaN)).toBeNull();
  });
});

describe('createPlaceGeocoder', () => {
  it('loads the data once, on first use, and does not retry a failed load for every photo', () => {
    let loads = 0;
    const lazy = createPlaceGeocoder(() => {
      loads++;
      return geocoder.loaded() ?? loadPlaceData();
    });
    expect(loads).toBe(0);
    lazy.placeOf(43.46, 11.88);
    lazy.placeOf(40.45, -3.72);
    expect(loads).toBe(1);
    let attempts = 0;
    const broken = createPlaceGeocoder(() => {
      attempts++;
      throw new Error('ENOENT cities.pbf');
    });
    expect(() => broken.placeOf(43.46, 11.88)).toThrow(/did not load: ENOENT cities.pbf\. Reinstall Phototag/);
    expect(() => broken.placeOf(43.46, 11.88)).toThrow(/did not load/);
    expect(attempts).toBe(1);
  });
});

describe('placeAt rules on a hand-made map', () => {
  const town = (name: string, lat: number, lon: number, extra: Partial<Town> = {}): Town => ({
    name, country: 'XA', adminCode: '01', featureCode: 'PPL', population: 5_000, muni: '', lat, lon, ...extra,
  });
  const land: CountryLookup = {
    at: (lat) => (lat >= 0 ? { code: 'XA', name: 'Northland' } : null),
    byCode: (code) => (code === 'XA' ? { code: 'XA', name: 'Northland' } : null),
  };
  const at = (towns: Town[], lat: number, lon: number) => placeAt(lat, lon, new TownIndex(towns), land, () => null);

  it('names the nearest town within 25 km and none beyond', () => {
    const towns = [town('Near', 10, 10.1), town('Far', 10, 10.5)];
    expect(at(towns, 10, 10)?.town).toBe('Near');
    const km = distanceKm(10, 9.75, 10, 10.1);
    expect(km).toBeGreaterThan(TOWN_RADIUS_KM);
    expect(at(towns, 10, 9.75)).toEqual({ town: null, region: null, country: 'Northland', countryCode: 'XA' });
  });

  it('replaces a district by its city: same municipality first, else a larger place within 15 km', () => {
    const city = town('City', 10, 10, { population: 1_000_000, muni: 'm1' });
    const district = town('District', 10.1, 10.1, { featureCode: 'PPLX', population: 100_000, muni: 'm1' });
    expect(at([city, district], 10.1, 10.1)?.town).toBe('City');
    const unlinked = town('Quarter', 10.05, 10.05, { featureCode: 'PPLX', population: 50_000 });
    expect(at([city, unlinked], 10.05, 10.05)?.town).toBe('City');
    const village = town('Village', 10.05, 10.1, { population: 2_000 });
    expect(at([village, unlinked], 10.05, 10.05)?.town).toBe('Quarter');
  });

  it('finds towns across the antimeridian and near the poles', () => {
    expect(at([town('East', 10, 179.95)], 10, -179.95)?.town).toBe('East');
    expect(at([town('Polar', 80, 20)], 80, 21)?.town).toBe('Polar');
  });

  it('names a town at sea only when the borders miss it (a generalized coast), taking the town country', () => {
    expect(at([town('Harbour', -0.05, 10)], -0.01, 10)).toEqual({ town: 'Harbour', region: null, country: 'Northland', countryCode: 'XA' });
    expect(at([town('Harbour', -0.05, 10)], -1, 10)).toBeNull();
  });

  it('names regions only where the data does (US states by their postal codes)', () => {
    expect(regionName(town('Albuquerque', 35, -106, { country: 'US', adminCode: 'NM' }))).toBe('New Mexico');
    expect(regionName(town('Arezzo', 43, 11, { country: 'IT', adminCode: '16' }))).toBeNull();
  });
});
