import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { QueryError } from '../../../db/search/QueryError.js';
import { populateSyntheticLibrary } from '../../bench/syntheticLibrary.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { buildHandLibrary } from './handLibrary.js';

describe('timeline day counts and map positions on a real SQLite library', () => {
  const temp = makeTempDir('phototag-timeline-');
  let hand: LibraryDatabase;
  let ids: Map<string, number>;
  let large: LibraryDatabase;
  beforeAll(() => {
    hand = LibraryDatabase.open(path.join(temp.dir, 'hand.db'));
    ids = buildHandLibrary(hand);
    large = LibraryDatabase.open(path.join(temp.dir, 'large.db'));
    populateSyntheticLibrary(large, { photos: 6_000, seed: 11 });
  });
  afterAll(() => {
    hand.close();
    large.close();
    temp.cleanup();
  });

  it('counts every photo by its capture day, newest first; the failed and the two screenshots are undated; missing left out', () => {
    // Read off handLibrary.ts: IMG_0003 (2021-06-02) is missing, broken.jpg failed (no date), two screenshots undated.
    expect(hand.timeline('')).toEqual({
      order: 'date',
      days: [
        ['2022-04-01', 2], ['2021-07-04', 1], ['2021-06-01', 1], ['2021-01-01', 1], ['2020-05-07', 1], ['2020-05-06', 1], ['2020-05-05', 1],
        ['2019-07-20', 1], ['2019-07-15', 1], ['2019-07-14', 1], ['2019-03-02', 1], ['2018-12-31', 1], ['2017-02-10', 1], ['2016-06-15', 2],
      ],
      undated: 3,
      total: 19,
    });
  });

  it('counts only the matches, says when they come by relevance, and refuses a malformed query', () => {
    expect(hand.timeline('year:2020')).toEqual({ order: 'date', days: [['2020-05-07', 1], ['2020-05-06', 1], ['2020-05-05', 1]], undated: 0, total: 3 });
    expect(hand.timeline('tag:cat')).toMatchObject({ order: 'date', days: [['2021-06-01', 1], ['2020-05-06', 1], ['2020-05-05', 1]], undated: 0 });
    const words = hand.timeline('beach');
    expect(words.order).toBe('relevance');
    expect(words.total).toBe(hand.search('beach', { limit: 1 }).total);
    expect(() => hand.timeline('tag:')).toThrow(QueryError);
  });

  it.each([[''], ['has:caption'], ['-tag:person'], ['year:2019']])('%j on 6,000 photos: the counts lay out exactly the days search pages through', (query) => {
    const counts = large.timeline(query);
    const total = large.search(query, { limit: 1 }).total;
    expect(counts.total).toBe(total);
    expect(counts.order).toBe('date');
    const taken = new Map((large.db.prepare('SELECT id, taken_at AS t FROM photos').all() as { id: number; t: string | null }[]).map((r) => [r.id, r.t]));
    const days: (string | null)[] = [];
    for (let offset = 0; offset < total; offset += 1000) days.push(...large.search(query, { limit: 1000, offset }).results.map((r) => taken.get(r.photoId)?.slice(0, 10) ?? null));
    const expected = [...counts.days.flatMap(([day, n]) => Array<string | null>(n).fill(day)), ...Array<string | null>(counts.undated).fill(null)];
    expect(days).toEqual(expected);
  });

  it('gives the positions of the matches with GPS as [id, lat, lon] triples', () => {
    const points = hand.locations('');
    // Six photos have GPS in handLibrary.ts; IMG_0003 among them is missing.
    const located = ['Pictures/2019/Holidays Spain/beach_dog.jpg', 'Pictures/2019/Birthday Anna/cake.heic', 'Phone/2021/IMG_0001.heic', 'Phone/2021/IMG_0002.heic', 'Pictures/2022/Paris/eiffel.jpg'];
    const found = new Map<number, [number, number]>();
    for (let i = 0; i < points.length; i += 3) found.set(points[i] as number, [points[i + 1] as number, points[i + 2] as number]);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(located.map((f) => ids.get(f)).sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect([...found.values()].every(([lat, lon]) => lat === 41.38 && lon === 2.17)).toBe(true);
    expect(hand.locations('tag:cat')).toEqual([ids.get('Phone/2021/IMG_0002.heic'), 41.38, 2.17]);
  });
});

describe('within: an area of the map as a search term', () => {
  const temp = makeTempDir('phototag-within-');
  let hand: LibraryDatabase;
  let ids: Map<string, number>;
  beforeAll(() => {
    hand = LibraryDatabase.open(path.join(temp.dir, 'hand.db'));
    ids = buildHandLibrary(hand);
  });
  afterAll(() => {
    hand.close();
    temp.cleanup();
  });
  // Every located hand photo is at 41.38, 2.17 (Barcelona); IMG_0003 among them is missing.
  const barcelona = ['Pictures/2022/Paris/eiffel.jpg', 'Phone/2021/IMG_0002.heic', 'Phone/2021/IMG_0001.heic', 'Pictures/2019/Holidays Spain/beach_dog.jpg', 'Pictures/2019/Birthday Anna/cake.heic'];

  it('finds the photos whose position lies in the box, newest first, and narrows the rest of the query', () => {
    const found = hand.search('within:41,2,42,3', { limit: 50 });
    expect(found.results.map((r) => r.photoId)).toEqual(barcelona.map((f) => ids.get(f)));
    expect(found.total).toBe(5);
    expect(hand.search('within:41,2,42,3 tag:cat', { limit: 50 }).results.map((r) => r.photoId)).toEqual([ids.get('Phone/2021/IMG_0002.heic')]);
    expect(hand.search('within:41,2.2,42,3', { limit: 50 }).total).toBe(0);
    expect(hand.search('within:-10,-20,10,20', { limit: 50 }).total).toBe(0);
    // Across the 180th meridian: west 170 to east 10 takes in 2.17.
    expect(hand.search('within:41,170,42,10', { limit: 50 }).total).toBe(5);
    expect(hand.timeline('within:41,2,42,3').total).toBe(5);
    expect(hand.locations('within:41,2,42,3 year:2019')).toHaveLength(6);
    const facets = hand.facets('within:41,2,42,3');
    expect(facets.years.reduce((n, y) => n + y.count, 0)).toBe(5);
  });

  it('refuses a malformed area, one inside OR or NOT, and a second area', () => {
    for (const bad of ['within:41,2,42', 'within:91,2,92,3', 'within:42,2,41,3', 'within:a,b,c,d', 'tag:cat OR within:41,2,42,3', '-within:41,2,42,3', 'within:41,2,42,3 within:0,0,1,1']) {
      expect(() => hand.search(bad, { limit: 1 }), bad).toThrow(QueryError);
    }
  });
});
