import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { populateSyntheticLibrary } from '../../bench/syntheticLibrary.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

/**
 * Past SORT_LIMIT matches the gallery order walks the taken_at index in windows of the newest days (pageByDate):
 * undated photos are in no window, and must still come after every dated one, never be lost or repeated.
 */
describe('undated photos in date order on a library too large to sort', () => {
  const temp = makeTempDir('phototag-undated-');
  let db: LibraryDatabase;
  beforeAll(() => {
    db = LibraryDatabase.open(path.join(temp.dir, 'library.db'));
    populateSyntheticLibrary(db, { photos: 6_000, seed: 3 });
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it.each([[''], ['has:caption'], ['-tag:person']])('%j: dated newest first, then every undated one, page by page', (query) => {
    const total = db.search(query, { limit: 1 }).total;
    expect(total).toBeGreaterThan(2_000);
    const ids: number[] = [];
    for (let offset = 0; offset < total; offset += 500) ids.push(...db.search(query, { limit: 500, offset }).results.map((r) => r.photoId));
    expect(new Set(ids).size).toBe(total);
    const taken = db.db.prepare('SELECT id, taken_at AS takenAt FROM photos').all() as { id: number; takenAt: string | null }[];
    const when = new Map(taken.map((t) => [t.id, t.takenAt]));
    const dates = ids.map((id) => when.get(id) ?? null);
    const firstUndated = dates.indexOf(null);
    const undated = db.search(query.trim() ? `${query} -has:date` : '-has:date', { limit: 1 }).total;
    expect(undated).toBeGreaterThan(0);
    expect(firstUndated).toBe(total - undated);
    expect(dates.slice(firstUndated).every((d) => d === null)).toBe(true);
    const dated = dates.slice(0, firstUndated) as string[];
    expect(dated.every((d, i) => i === 0 || (dated[i - 1] as string) >= d)).toBe(true);
  });
});
