/**
 * Reverse geocoding over a list of towns and a country lookup, both in memory: the pure part of the geocoder, so
 * it can be tested and benched without the data packages' loading (see geonamesGeocoder.ts for that adapter).
 */

/** Where a photo was taken, as people name it. */
export interface Place {
  /** The town (GeoNames place of ≥ 1,000 inhabitants) within TOWN_RADIUS_KM, else null. */
  town: string | null;
  /** The first-level region, only where the data names it (see regionName); else null. */
  region: string | null;
  /** The country's English name, from its borders (or from the town's country off the generalized coast). */
  country: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string | null;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * What the indexer calls: points in, one place per point out (null: nothing to name there). Asynchronous so the
 * shipped geocoder can load its data (~0.5 s of parsing) and answer on another thread, never on the event loop.
 * A rejection means the place data is unusable: the caller stores the photos without places and tries again later.
 */
export interface PlaceGeocoder {
  /** Bumped when the data or the rules change, so stored places are computed again from the stored GPS. */
  readonly version: number;
  placesOf(points: readonly GeoPoint[]): Promise<(Place | null)[]>;
}

export interface Town {
  name: string;
  /** GeoNames country code, upper case. */
  country: string;
  /** GeoNames admin1 code ('16', 'NM'). */
  adminCode: string;
  /** GeoNames feature code: PPLX is a section of a populated place (a district), PPLC a capital… */
  featureCode: string;
  population: number;
  /** GeoNames municipality id, shared by a city and its districts where the data has it (Spain, Italy…). */
  muni: string;
  lat: number;
  lon: number;
}

export interface CountryLookup {
  /** The country whose borders (land and territorial waters) hold the point, or null at sea / in Antarctica. */
  at(lat: number, lon: number): { code: string; name: string } | null;
  /** The same country naming for a GeoNames country code (territories like PR fold into their country, as borders do). */
  byCode(code: string): { code: string; name: string } | null;
}

/**
 * 25 km: the GeoNames point is a town's centre and towns of a few thousand people are rarely further apart in
 * settled land, so a photo within 25 km is "at" or "near" that town; beyond, in a desert, at sea or deep in a
 * national park, naming the closest town would invent where the photo was. The exif set's GPS photos lie 0.2–7.3 km
 * from their nearest place.
 */
export const TOWN_RADIUS_KM = 25;

/**
 * A district (PPLX, a section of a city) is replaced by its city when the city is this close: GeoNames puts a
 * city's point at its centre, and the districts of Madrid, Rome or Paris lie within ~15 km of it. Districts that
 * share the city's municipality id are replaced at any distance inside TOWN_RADIUS_KM.
 */
export const DISTRICT_TO_CITY_KM = 15;

const EARTH_KM = 6371.0088;
const CELL_DEG = 0.25;
const KM_PER_DEG_LAT = (Math.PI * EARTH_KM) / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const cellRow = (lat: number) => Math.floor((lat + 90) / CELL_DEG);
const cellCol = (lon: number) => Math.floor((((lon + 180) % 360) + 360) % 360 / CELL_DEG);
const COLS = Math.round(360 / CELL_DEG);
const ROWS = Math.round(180 / CELL_DEG);

/**
 * A fixed grid of 0.25° cells over the towns: a query reads the few cells within TOWN_RADIUS_KM (3×3 at mid
 * latitudes), each holding a handful of towns, so it is microseconds and needs no tree to build.
 */
export class TownIndex {
  private readonly cells = new Map<number, number[]>();

  constructor(readonly towns: readonly Town[]) {
    towns.forEach((town, i) => {
      const key = cellRow(town.lat) * COLS + cellCol(town.lon);
      const cell = this.cells.get(key);
      if (cell) cell.push(i);
      else this.cells.set(key, [i]);
    });
  }

  /** Towns within `radiusKm` of the point, nearest first, with their distances. */
  within(lat: number, lon: number, radiusKm: number): { town: Town; km: number }[] {
    const rowSpan = Math.ceil(radiusKm / KM_PER_DEG_LAT / CELL_DEG);
    const cosLat = Math.max(Math.cos((Math.min(89.9, Math.abs(lat)) * Math.PI) / 180), 1e-3);
    const colSpan = Math.min(COLS / 2, Math.ceil(radiusKm / (KM_PER_DEG_LAT * cosLat) / CELL_DEG));
    const row0 = cellRow(lat);
    const col0 = cellCol(lon);
    const found: { town: Town; km: number }[] = [];
    for (let r = Math.max(0, row0 - rowSpan); r <= Math.min(ROWS - 1, row0 + rowSpan); r++) {
      for (let dc = -colSpan; dc <= colSpan; dc++) {
        const cell = this.cells.get(r * COLS + ((((col0 + dc) % COLS) + COLS) % COLS));
        if (!cell) continue;
        for (const i of cell) {
          const town = this.towns[i] as Town;
          const km = distanceKm(lat, lon, town.lat, town.lon);
          if (km <= radiusKm) found.push({ town, km });
        }
      }
    }
    return found.sort((a, b) => a.km - b.km);
  }
}

/**
 * The place for a point: the country from its borders, and the nearest town of that same country within
 * TOWN_RADIUS_KM (a town across a border is not where the photo was), with a district replaced by its city.
 * Off a coast the borders are generalized and may miss: there the town (within the same radius) gives the country.
 */
export function placeAt(lat: number, lon: number, towns: TownIndex, countries: CountryLookup, regionName: (town: Town) => string | null): Place | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const country = countries.at(lat, lon);
  const near = towns.within(lat, lon, TOWN_RADIUS_KM).filter(({ town }) => country === null || countries.byCode(town.country)?.code === country.code);
  const nearest = near[0];
  if (!nearest) return country ? { town: null, region: null, country: country.name, countryCode: country.code } : null;
  const town = cityOf(nearest.town, near);
  const named = country ?? countries.byCode(town.country);
  return { town: town.name, region: regionName(town), country: named?.name ?? null, countryCode: named?.code ?? null };
}

/**
 * Users say "Madrid", not "Moncloa-Aravaca": a district (PPLX) gives way to the city it is part of — the nearby
 * non-district place with the same municipality id, else the nearest non-district place larger than the district
 * within DISTRICT_TO_CITY_KM. With neither, the district's own name is the best there is.
 */
function cityOf(town: Town, near: readonly { town: Town; km: number }[]): Town {
  if (town.featureCode !== 'PPLX') return town;
  const whole = near.filter((n) => n.town.featureCode !== 'PPLX' && n.town.country === town.country);
  const sameMuni = town.muni !== '' ? whole.find((n) => n.town.muni === town.muni) : undefined;
  if (sameMuni) return sameMuni.town;
  const bigger = whole.find((n) => n.km <= DISTRICT_TO_CITY_KM && n.town.population > town.population);
  return bigger?.town ?? town;
}
