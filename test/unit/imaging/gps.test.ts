import { describe, expect, it } from 'vitest';
import { gpsFromExif, isUsablePosition, readGps } from '../../../electron/core/imaging/gps.js';

describe('gpsFromExif', () => {
  it('converts degrees/minutes/seconds and signs south and west', () => {
    const gps = gpsFromExif({ GPSLatitude: [39, 3, 4.84], GPSLatitudeRef: 'N', GPSLongitude: [94, 17, 19.58], GPSLongitudeRef: 'W', GPSAltitude: 260.56, GPSAltitudeRef: new Uint8Array([0]) });
    expect(gps?.lat).toBeCloseTo(39.0513444, 6);
    expect(gps?.lon).toBeCloseTo(-94.2887722, 6);
    expect(gps?.alt).toBeCloseTo(260.56, 6);
    expect(gpsFromExif({ GPSLatitude: [0, 22, 16.68], GPSLatitudeRef: 'S', GPSLongitude: [36, 3, 23.1], GPSLongitudeRef: 'E' })?.lat).toBeCloseTo(-0.3713, 6);
  });

  it('accepts decimal minutes, a bare number, and lower-case or padded refs', () => {
    expect(gpsFromExif({ GPSLatitude: [43, 47.135666, 0], GPSLatitudeRef: 'N', GPSLongitude: [11, 14.077166, 0], GPSLongitudeRef: 'E' })).toMatchObject({ lat: expect.closeTo(43.7855944, 6), lon: expect.closeTo(11.2346194, 6) });
    expect(gpsFromExif({ GPSLatitude: 12.5, GPSLatitudeRef: 's ', GPSLongitude: 3.25, GPSLongitudeRef: 'w' })).toEqual({ lat: -12.5, lon: -3.25, alt: null });
  });

  it('reads a below-sea-level altitude, whatever shape the BYTE ref comes in', () => {
    for (const ref of [1, [1], new Uint8Array([1])]) {
      expect(gpsFromExif({ GPSLatitude: [31, 30, 0], GPSLatitudeRef: 'N', GPSLongitude: [35, 28, 0], GPSLongitudeRef: 'E', GPSAltitude: 430, GPSAltitudeRef: ref })?.alt).toBe(-430);
    }
  });

  it('treats exactly (0, 0) as "no fix", even with an altitude', () => {
    expect(gpsFromExif({ GPSLatitude: [0, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [0, 0, 0], GPSLongitudeRef: 'E', GPSAltitude: 12 })).toBeNull();
    // The equator or the prime meridian alone are real places.
    expect(gpsFromExif({ GPSLatitude: [0, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [36, 0, 0], GPSLongitudeRef: 'E' })).toEqual({ lat: 0, lon: 36, alt: null });
  });

  it('returns null for missing, partial or impossible positions', () => {
    expect(gpsFromExif(undefined)).toBeNull();
    expect(gpsFromExif({ GPSLatitude: [43, 28, 2.8], GPSLatitudeRef: 'N' })).toBeNull();
    expect(gpsFromExif({ GPSLatitude: [95, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [10, 0, 0], GPSLongitudeRef: 'E' })).toBeNull();
    expect(gpsFromExif({ GPSLatitude: [45, 0, 0], GPSLongitude: [190, 0, 0] })).toBeNull();
    expect(gpsFromExif({ GPSLatitude: [Number.NaN, 0, 0], GPSLongitude: [10, 0, 0] })).toBeNull();
    expect(gpsFromExif({ GPSLatitude: [], GPSLongitude: [10, 0, 0] })).toBeNull();
    expect(gpsFromExif({ GPSLatitude: '43,28N', GPSLongitude: [10, 0, 0] })).toBeNull();
  });

  it('drops an absurd altitude but keeps the position', () => {
    expect(gpsFromExif({ GPSLatitude: [45, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [10, 0, 0], GPSLongitudeRef: 'E', GPSAltitude: 4294967295 })).toEqual({ lat: 45, lon: 10, alt: null });
  });
});

describe('readGps says why GPS tags give no position', () => {
  it.each([
    [{ GPSLatitude: [0, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [0, 0, 0], GPSLongitudeRef: 'E', GPSAltitude: 12 }, 'the GPS position is exactly 0, 0, which cameras write when they had no fix'],
    [{ GPSAltitude: 120 }, 'the GPS block has an altitude but no latitude or longitude'],
    [{ GPSLatitude: [43, 28, 2.8], GPSLatitudeRef: 'N' }, 'the GPS block has a latitude but no longitude'],
    [{ GPSLatitude: [95, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [10, 0, 0], GPSLongitudeRef: 'E' }, 'the GPS latitude 95 is outside -90…90'],
    [{ GPSLatitude: [45, 0, 0], GPSLongitude: [190, 0, 0], GPSLongitudeRef: 'W' }, 'the GPS longitude -190 is outside -180…180'],
    [{ GPSLatitude: [Number.NaN, 0, 0], GPSLongitude: [10, 0, 0] }, 'the GPS latitude (NaN, 0, 0) is not a number of degrees'],
    [{ GPSLatitude: '43,28N', GPSLongitude: [10, 0, 0] }, 'the GPS latitude (43,28N) is not a number of degrees'],
  ])('%j', (tags, problem) => {
    expect(readGps(tags)).toEqual({ gps: null, problem });
  });

  it('has nothing to say without GPS tags, and no problem with a good fix', () => {
    expect(readGps(undefined)).toEqual({ gps: null, problem: null });
    expect(readGps({})).toEqual({ gps: null, problem: null });
    expect(readGps({ GPSLatitude: 12.5, GPSLongitude: 3.25 })).toEqual({ gps: { lat: 12.5, lon: 3.25, alt: null }, problem: null });
  });

  it('isUsablePosition agrees, for points stored before the checks', () => {
    expect(isUsablePosition(0, 0)).toBe(false);
    expect(isUsablePosition(Number.NaN, 10)).toBe(false);
    expect(isUsablePosition(91, 10)).toBe(false);
    expect(isUsablePosition(0, 36)).toBe(true);
  });
});
