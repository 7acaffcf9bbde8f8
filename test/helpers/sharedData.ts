import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether this runs from source (vitest) or from dist/. */
export const repoRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

/**
 * The shared real-photo data sets (`../shared/data` beside the checkout, as CI has it). Never copied into the
 * repo. PHOTOTAG_SHARED_DATA overrides the location.
 */
export const sharedDataDir: string = process.env.PHOTOTAG_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

export function sharedData(...parts: string[]): string {
  const p = path.join(sharedDataDir, ...parts);
  if (!fs.existsSync(p)) {
    throw new Error(`Shared test data not found at ${p}. Put the shared data folder beside the checkout (../shared/data) or set PHOTOTAG_SHARED_DATA.`);
  }
  return p;
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
