import { describe, expect, it } from 'vitest';
import { offsetInZone, zoneAt } from '../../../electron/core/imaging/timeZones.js';

describe('zoneAt: the time zone of a GPS position', () => {
  it.each([
    [43.7696, 11.2558, 'Europe/Rome'],
    [39.0513, -94.2888, 'America/Chicago'],
    [28.6139, 77.209, 'Asia/Kolkata'],
    [-33.8688, 151.2093, 'Australia/Sydney'],
    [40.4468, -3.7248, 'Europe/Madrid'],
  ])('%f, %f is in %s', (lat, lon, zone) => {
    expect(zoneAt(lat, lon)).toBe(zone);
  });

  it('gives none for a position that is none', () => {
    expect(zoneAt(0, 0)).toBeNull();
    expect(zoneAt(Number.NaN, 10)).toBeNull();
    expect(zoneAt(95, 10)).toBeNull();
  });
});

describe('offsetInZone: the offset a wall-clock time had in a zone', () => {
  it.each([
    ['2019-07-14T10:00:00', 'Europe/Rome', '+02:00'],
    ['2019-01-14T10:00:00', 'Europe/Rome', '+01:00'],
    // Summer time ended on 26 October in 2008: a photo four days before is still +02:00.
    ['2008-10-22T16:28:39', 'Europe/Rome', '+02:00'],
    ['2008-10-27T16:28:39', 'Europe/Rome', '+01:00'],
    ['2021-04-11T15:47:53', 'America/Chicago', '-05:00'],
    ['2021-01-11T15:47:53', 'America/Chicago', '-06:00'],
    ['2020-01-01T12:00:00', 'Asia/Kolkata', '+05:30'],
    ['2020-01-01T12:00:00', 'Australia/Sydney', '+11:00'],
    ['2020-07-01T12:00:00', 'Australia/Sydney', '+10:00'],
    // The zone's rules of that year, not today's: Britain kept summer time all year in 1968-71.
    ['1950-07-01T12:00:00', 'Europe/London', '+01:00'],
    ['1969-01-15T12:00:00', 'Europe/London', '+01:00'],
    ['1975-01-15T12:00:00', 'Europe/London', '+00:00'],
  ])('%s in %s is %s', (local, zone, offset) => {
    expect(offsetInZone(local, zone)).toBe(offset);
  });

  it('takes the offset before the change in an hour the clock skips or repeats', () => {
    expect(offsetInZone('2019-03-31T02:30:00', 'Europe/Rome')).toBe('+01:00');
    expect(offsetInZone('2019-10-27T02:30:00', 'Europe/Rome')).toBe('+02:00');
    expect(offsetInZone('2019-03-31T03:30:00', 'Europe/Rome')).toBe('+02:00');
  });

  it('gives none for a zone this machine does not know or a malformed time', () => {
    expect(offsetInZone('2019-07-14T10:00:00', 'Mars/Olympus_Mons')).toBeNull();
    expect(offsetInZone('2019-07-14', 'Europe/Rome')).toBeNull();
  });
});
