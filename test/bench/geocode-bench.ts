/**
 * Reverse geocoding: how long the place data takes to load, how fast photos are named, how well the exif set's GPS
 * photos are named, and how fast a library indexed before places gets them from its stored GPS (the backfill,
 * places and search rows written). Exits 1 when a target is missed.
 *
 * Usage: npm run bench:geocode -- [--json] [--points N] [--library N] [--seed N]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { createPlaceGeocoder, loadPlaceData } from '../../electron/core/places/geonamesGeocoder.js';
import { fillPlaces } from '../../electron/core/places/fillPlaces.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';
import { readExifLabels } from '../helpers/exifLabels.js';
import { exifPlaces } from '../helpers/exifPlaces.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { populateSyntheticLibrary } from './syntheticLibrary.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const points = option('points', 100_000);
const libraryPhotos = option('library', 30_000);
const random = seededRandom(option('seed', 7));

/** The targets: the data loads in under a second, 100,000 photos are named in under 10 s. */
const targets = { load_ms: 1_000, per_100k_s: 10 };

async function main(): Promise<void> {
  // Load first, in a fresh process, as the first GPS photo of an index run does.
  const loadStarted = performance.now();
  const data = loadPlaceData();
  const loadMs = performance.now() - loadStarted;
  const geocoder = createPlaceGeocoder(() => data);

  // Photos are taken where people are: most near a town (within ~10 km), the rest anywhere between 60° S and 75° N
  // (sea, deserts, the wilderness), which costs more (bigger empty cells, the border lookup over open sea).
  const towns = data.towns.towns;
  const coords = new Float64Array(points * 2);
  for (let i = 0; i < points; i++) {
    if (random() < 0.7) {
      const town = towns[Math.floor(random() * towns.length)] ?? towns[0];
      coords[2 * i] = (town?.lat ?? 0) + (random() - 0.5) * 0.18;
      coords[2 * i + 1] = (town?.lon ?? 0) + (random() - 0.5) * 0.18;
    } else {
      coords[2 * i] = -60 + random() * 135;
      coords[2 * i + 1] = -180 + random() * 360;
    }
  }
  let named = { town: 0, countryOnly: 0, none: 0 };
  const started = performance.now();
  for (let i = 0; i < points; i++) {
    const place = geocoder.placeOf(coords[2 * i] as number, coords[2 * i + 1] as number);
    if (!place) named.none++;
    else if (place.town) named.town++;
    else named.countryOnly++;
  }
  const geocodeS = (performance.now() - started) / 1000;
  named = { ...named };

  const labels = readExifLabels();
  const judged = Object.entries(exifPlaces).map(([file, expected]) => {
    const label = labels[file];
    const got = label?.gps_latitude !== undefined && label.gps_longitude !== undefined ? geocoder.placeOf(label.gps_latitude, label.gps_longitude) : null;
    return { file, expected: `${expected.town}, ${expected.countryCode}`, got: got ? `${got.town ?? '—'}, ${got.countryCode ?? '—'}` : 'nothing' };
  });
  const townRight = judged.filter((j) => j.expected.split(', ')[0] === j.got.split(', ')[0]).length;
  const countryRight = judged.filter((j) => j.expected.split(', ')[1] === j.got.split(', ')[1]).length;

  // The backfill of a library indexed before places: synthetic rows (a third with GPS) through the repositories.
  const temp = makeTempDir('phototag-geocode-bench-');
  let backfill = { photos: 0, seconds: 0 };
  try {
    const library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    try {
      populateSyntheticLibrary(library, { photos: libraryPhotos, seed: 3 });
      const fillStarted = performance.now();
      const filled = await fillPlaces(library, geocoder);
      backfill = { photos: filled, seconds: (performance.now() - fillStarted) / 1000 };
    } finally {
      library.close();
    }
  } finally {
    temp.cleanup();
  }

  const per100kS = (geocodeS * 100_000) / points;
  const result = {
    towns: towns.length,
    load_ms: Math.round(loadMs),
    points,
    geocode_s: Math.round(geocodeS * 1000) / 1000,
    per_100k_s: Math.round(per100kS * 1000) / 1000,
    us_per_point: Math.round((geocodeS * 1e6 * 10) / points) / 10,
    named,
    exif: { photos: judged.length, town_right: townRight, country_right: countryRight, misses: judged.filter((j) => j.expected !== j.got) },
    backfill: { ...backfill, seconds: Math.round(backfill.seconds * 100) / 100, photos_per_s: backfill.seconds > 0 ? Math.round(backfill.photos / backfill.seconds) : null },
    targets,
    targets_met: loadMs < targets.load_ms && per100kS < targets.per_100k_s,
  };
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    console.log(`place data: ${result.towns.toLocaleString('en')} towns loaded and indexed in ${result.load_ms} ms (target < ${targets.load_ms} ms)`);
    console.log(`${points.toLocaleString('en')} points named in ${result.geocode_s} s: ${result.per_100k_s} s per 100,000 (target < ${targets.per_100k_s} s), ${result.us_per_point} µs each`);
    console.log(`  a town: ${named.town.toLocaleString('en')}, only a country: ${named.countryOnly.toLocaleString('en')}, nothing (at sea): ${named.none.toLocaleString('en')}`);
    console.log(`exif GPS photos: town right ${townRight}/${judged.length}, country right ${countryRight}/${judged.length}`);
    for (const miss of result.exif.misses) console.log(`  ${miss.file}: expected ${miss.expected}, got ${miss.got}`);
    console.log(`backfill: ${backfill.photos.toLocaleString('en')} stored GPS photos named (places and search rows) in ${result.backfill.seconds} s, ${result.backfill.photos_per_s ?? '—'} photos/s`);
    console.log(result.targets_met ? 'targets met' : 'TARGETS MISSED');
  }
  if (!result.targets_met) process.exitCode = 1;
}

void main();
