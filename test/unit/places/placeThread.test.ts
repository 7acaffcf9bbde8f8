import { afterAll, describe, expect, it } from 'vitest';
import { createPlaceGeocoder } from '../../../electron/core/places/geonamesGeocoder.js';
import { createThreadPlaceGeocoder, sharedPlaceGeocoder } from '../../../electron/core/places/placeThread.js';
import { readExifLabels } from '../../helpers/exifLabels.js';

const labels = Object.values(readExifLabels()).filter((l) => l.gps_latitude !== undefined && l.gps_longitude !== undefined);
const points = labels.map((l) => ({ lat: l.gps_latitude as number, lon: l.gps_longitude as number }));

describe('the geocoder on its own thread', () => {
  const threaded = createThreadPlaceGeocoder();
  afterAll(() => threaded.close());

  it('keeps the event loop turning while its data loads, and answers as the in-thread geocoder does', async () => {
    expect(points.length).toBeGreaterThan(5);
    points.push({ lat: 30, lon: -40 }, { lat: 0, lon: 0 }, { lat: Number.NaN, lon: 0 });
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    let places;
    try {
      places = await threaded.placesOf(points);
    } finally {
      clearInterval(ticker);
    }
    // The in-thread geocoder parses ~6 MB of towns and the world's borders before it answers; here the loop ran meanwhile.
    expect(turns).toBeGreaterThan(0);
    const inThread = createPlaceGeocoder();
    expect(places).toEqual(points.map((p) => inThread.placeOf(p.lat, p.lon)));
    expect(places.slice(-3)).toEqual([null, null, null]);
    expect(await threaded.placesOf([])).toEqual([]);
  });

  it('is one per process for every library opened with the default', () => {
    expect(sharedPlaceGeocoder()).toBe(sharedPlaceGeocoder());
  });
});
