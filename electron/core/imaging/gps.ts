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

/**
 * Signed decimal degrees from the GPS IFD, or null when there is no usable fix.
 *
 * Exactly (0, 0) is treated as no fix, with or without an altitude: cameras and phones write zeros as a
 * placeholder when the receiver had no lock, and a real photo at that point would be in the open Gulf of Guinea.
 * A wrong pin on the map is worse than no pin, and the user can still add a location by hand.
 */
export function gpsFromExif(tags: RawGpsTags | undefined): GpsPosition | null {
  if (!tags) return null;
  const lat = degrees(tags.GPSLatitude, tags.GPSLatitudeRef, 'S');
  const lon = degrees(tags.GPSLongitude, tags.GPSLongitudeRef, 'W');
  if (lat === null || lon === null) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  if (lat === 0 && lon === 0) return null;
  return { lat, lon, alt: altitude(tags.GPSAltitude, tags.GPSAltitudeRef) };
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
