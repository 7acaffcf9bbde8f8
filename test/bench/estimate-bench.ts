/**
 * Place estimates on a synthetic library: how long the pass takes when it writes every estimate (a library that
 * had none) and when nothing changed (every later index pass pays this), with how many photos got one.
 *
 * Usage: npx tsx test/bench/estimate-bench.ts [--json] [--library N]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { fillPlaceEstimates } from '../../electron/core/places/fillPlaceEstimates.js';
import { fillPlaces } from '../../electron/core/places/fillPlaces.js';
import { createPlaceGeocoder } from '../../electron/core/places/geonamesGeocoder.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { populateSyntheticLibrary } from './syntheticLibrary.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const at = args.indexOf('--library');
const photos = at >= 0 ? Number(args[at + 1]) : 100_000;

async function main(): Promise<void> {
  const temp = makeTempDir('phototag-estimate-bench-');
  try {
    const library = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    try {
      populateSyntheticLibrary(library, { photos, seed: 3 });
      await fillPlaces(library, createPlaceGeocoder());
      let started = performance.now();
      const written = await fillPlaceEstimates(library);
      const firstMs = performance.now() - started;
      started = performance.now();
      const unchanged = await fillPlaceEstimates(library);
      const againMs = performance.now() - started;
      const result = { photos, estimates: written, first_pass_ms: Math.round(firstMs), unchanged_pass_ms: Math.round(againMs), rewritten_on_second_pass: unchanged };
      if (json) console.log(JSON.stringify(result));
      else console.log(`${photos} photos: ${written} estimates written in ${result.first_pass_ms} ms; a pass with nothing changed ${result.unchanged_pass_ms} ms (${unchanged} rewritten)`);
    } finally {
      library.close();
    }
  } finally {
    temp.cleanup();
  }
}

await main();
