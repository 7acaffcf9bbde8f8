import type { GpsPosition } from './types.js';

/** Raw GPS IFD values as exifr returns them with value reviving off (rationals already divided). */
export interface RawGpsTags {
  GPSLatitude?: unknown;
  GPSLatitudeRef?: unknown;
  GPSLongitude?: unknown;
  GPSLongitudeRef?: unknown;
  GPSAltitude?: unknown;
  GPSAltitudeRef?: unknown;
}

/** A GPS block read: the position, or why what the file holds is no position (null problem: no GPS at all). */
export interface GpsReading {
  gps: GpsPosition | null;
  problem: string | null;
}

/** Signed decimal degrees from the GPS IFD, or null when there is no usable fix (see readGps). */
export function gpsFromExif(tags: RawGpsTags | undefined): GpsPosition | null {
  return readGps(tags).gps;
}

/**
 * The position in the GPS IFD, with the reason when the file has GPS tags that give none.
 *
 * Exactly (0, 0) is treated as no fix, with or without an altitude: cameras and phones write zeros as a
 * placeholder when the receiver had no lock, and a real photo at that point would be in the open Gulf of Guinea.
 * A wrong pin on the map (and a place named from it) is worse than none, and the user can still add one by hand.
 */
export function readGps(tags: RawGpsTags | undefined): GpsReading {
  if (!tags) return { gps: null, problem: null };
  const hasLat = tags.GPSLatitude !== undefined && tags.GPSLatitude !== null;
  const hasLon = tags.GPSLongitude !== undefined && tags.GPSLongitude !== null;
  if (!hasLat && !hasLon) {
    const hasAlt = tags.GPSAltitude !== undefined && tags.GPSAltitude !== null;
    return { gps: null, problem: hasAlt ? 'the GPS block has an altitude but no latitude or longitude' : null };
  }
  if (!hasLat || !hasLon) return { gps: null, problem: `the GPS block has a ${hasLat ? 'latitude' : 'longitude'} but no ${hasLat ? 'longitude' : 'latitude'}` };
  const lat = degrees(tags.GPSLatitude, tags.GPSLatitudeRef, 'S');
  const lon = degrees(tags.GPSLongitude, tags.GPSLongitudeRef, 'W');
  if (lat === null) return { gps: null, problem: `the GPS latitude ${describe(tags.GPSLatitude)} is not a number of degrees` };
  if (lon === null) return { gps: null, problem: `the GPS longitude ${describe(tags.GPSLongitude)} is not a number of degrees` };
  if (Math.abs(lat) > 90) return { gps: null, problem: `the GPS latitude ${round(lat)} is outside -90…90` };
  if (Math.abs(lon) > 180) return { gps: null, problem: `the GPS longitude ${round(lon)} is outside -180…180` };
  if (lat === 0 && lon === 0) return { gps: null, problem: 'the GPS position is exactly 0, 0, which cameras write when they had no fix' };
  return { gps: { lat, lon, alt: altitude(tags.GPSAltitude, tags.GPSAltitudeRef) }, problem: null };
}

/** What readGps accepts as a position; the places code asks the same of stored points, so 0, 0 is never named. */
export function isUsablePosition(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
}

function describe(value: unknown): string {
  const text = Array.isArray(value) ? value.map(String).join(', ') : value instanceof Uint8Array ? `${value.length} bytes` : String(value);
  return `(${text.length > 40 ? `${text.slice(0, 40)}…` : text})`;
}

function round(n: number): string {
  return String(Math.round(n * 1e4) / 1e4);
}

function degrees(value: unknown, ref: unknown, negativeRef: 'S' | 'W'): number | null {
  const parts = typeof value === 'number' ? [value] : Array.isArray(value) ? value : null;
  if (!parts || parts.length === 0 || parts.length > 3) return null;
  if (!parts.every((p): p is number => typeof p === 'number' && Number.isFinite(p) && p >= 0)) return null;
  const [d = 0, m = 0, s = 0] = parts;
  const abs = d + m / 60 + s / 3600;
  const refText = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  return refText.startsWith(negativeRef) ? -abs : abs;
}

function altitude(value: unknown, ref: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  // Sea level to the edge of the stratosphere (balloons, aircraft); beyond that the value is garbage.
  if (value < 0 || value > 50_000) return null;
  return firstByte(ref) === 1 ? -value : value;
}

/** GPSAltitudeRef is a BYTE; exifr hands it back as a number, an array or a Uint8Array depending on the file. */
function firstByte(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (value instanceof Uint8Array || Array.isArray(value)) {
    const first: unknown = value[0];
    return typeof first === 'number' ? first : null;
  }
  return null;
}
