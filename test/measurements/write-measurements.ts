/**
 * Writes README.md's measurement table from measurements/*.json (between its markers), or records a run first:
 *
 *   npm run measurements                                   # regenerate the table
 *   npm run measurements -- --check                        # exit 1 when README.md's table is not the generated one
 *   npm run eval -- --data ../shared/data/coco --split test --json | npm run -s measurements -- --record 05-tags-coco-test-fast [--replace]
 *
 * --record adds the JSON an eval or benchmark printed (stdin) to that file's runs (--replace: as its only run),
 * then regenerates the table, so a figure in the README is always one a run printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../helpers/sharedData.js';
import { loadMeasurements, renderTable, withTable } from './measurementTable.js';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, record: { type: 'string' }, replace: { type: 'boolean' } } });
const dir = path.join(repoRoot, 'measurements');
const readmeFile = path.join(repoRoot, 'README.md');

if (values.record !== undefined) {
  const file = path.join(dir, `${values.record.replace(/\.json$/, '')}.json`);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: write its row (what, command, figures, targets) first`);
  const input = fs.readFileSync(0, 'utf8').trim();
  let run: unknown;
  try {
    run = JSON.parse(input);
  } catch {
    throw new Error('--record reads one JSON object from stdin (the output of an eval or bench run with --json)');
  }
  if (run === null || typeof run !== 'object' || Array.isArray(run)) throw new Error('--record expects one JSON object');
  const measurement = JSON.parse(fs.readFileSync(file, 'utf8')) as { runs: unknown[] };
  measurement.runs = values.replace ? [run] : [...measurement.runs, run];
  fs.writeFileSync(file, JSON.stringify(measurement, null, 2) + '\n');
}

const table = renderTable(loadMeasurements(dir).map((m) => m.measurement));
const readme = fs.readFileSync(readmeFile, 'utf8');
const generated = withTable(readme, table);
if (values.check) {
  if (generated !== readme) {
    console.error('README.md\'s measurement table is not the one generated from measurements/*.json: run `npm run measurements`');
    process.exitCode = 1;
  }
} else if (generated !== readme) {
  fs.writeFileSync(readmeFile, generated);
  console.log('README.md: measurement table written');
}
