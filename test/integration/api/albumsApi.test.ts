import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { salvageLibraryInto } from '../../../db/salvageLibrary.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { callError, callOk, waitUntilIndexed } from './hostHelpers.js';

/**
 * Favourites, ratings and albums end to end over a real library: real photos, a real SQLite file, the background
 * indexer re-analysing every photo when the models change, and a repair of the file.
 */
describe('favourites, ratings and albums through the API', () => {
  const temp = makeTempDir('phototag-albums-');
  const photos = path.join(temp.dir, 'photos');
  const dataDir = path.join(temp.dir, 'data');
  const names = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg'];
  let host: LibraryHost;
  const ids = new Map<string, number>();
  const id = (name: string) => ids.get(name) as number;
  const found = async (query: string) => (await callOk(host, 'photos.search', { query })).results.map((r) => path.basename(r.path)).sort();

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photos, names);
    host = await LibraryHost.open({ dataDir, analyzer: new PixelAnalyzer() });
    await callOk(host, 'folders.add', { path: photos });
    await waitUntilIndexed(host, 4);
    for (const r of (await callOk(host, 'photos.search', { query: '' })).results) ids.set(path.basename(r.path), r.id);
  });
  afterAll(async () => {
    await host.close();
    temp.cleanup();
  });

  it('marks favourites and ratings on a selection, and search finds them', async () => {
    const [a, b, c] = names as [string, string, string];
    const faved = await callOk(host, 'photos.setFavorite', { photoIds: [id(a)], favorite: true });
    expect(faved.photos[0]).toMatchObject({ id: id(a), favorite: true, rating: 0 });
    const rated = await callOk(host, 'photos.setRating', { photoIds: [id(a), id(b)], rating: 4 });
    expect(rated.photos.map((p) => [p.favorite, p.rating])).toEqual([[true, 4], [false, 4]]);
    await callOk(host, 'photos.setRating', { photoIds: [id(c)], rating: 2 });
    expect(await callOk(host, 'photos.get', { id: id(b) })).toMatchObject({ favorite: false, rating: 4 });

    expect(await found('is:favorite')).toEqual([a]);
    expect(await found('is:favourite')).toEqual([a]);
    expect(await found('rating:4+')).toEqual([a, b]);
    expect(await found('rating:2')).toEqual([c]);
    expect(await found('rating:0')).toEqual([names[3]]);
    expect(await found('-is:favorite rating:1+')).toEqual([b, c]);
    expect((await callOk(host, 'albums.list', {})).favorites).toBe(1);

    const refused = await callError(host, 'photos.setRating', { photoIds: [id(a)], rating: 6 });
    expect(refused).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/0 to 5 stars/) });
    expect(await callError(host, 'photos.setFavorite', { photoIds: [id(a), 99_999], favorite: false })).toMatchObject({ kind: 'photo-not-found' });
    // All or nothing: the valid photo in that call kept its mark.
    expect(await found('is:favorite')).toEqual([a]);
  });

  it('keeps hand-picked albums, newest first, and counts what album: finds', async () => {
    const [a, , c] = names as [string, string, string];
    const trip = await callOk(host, 'albums.create', { name: 'Trip', photoIds: [id(a)] });
    expect(trip).toMatchObject({ name: 'Trip', kind: 'hand-picked', query: null, photos: 1 });
    const added = await callOk(host, 'albums.addPhotos', { id: trip.id, photoIds: [id(a), id(c)] });
    expect(added).toMatchObject({ added: 1, album: { photos: 2 } });
    expect(await found('album:"Trip"')).toEqual([a, c]);
    expect(await found('album:trip rating:4+')).toEqual([a]);
    const list = await callOk(host, 'albums.list', {});
    expect(list.albums.map((x) => [x.name, x.photos])).toEqual([['Trip', 2]]);
    expect(list.albums[0]?.photos).toBe((await callOk(host, 'photos.search', { query: 'album:"Trip"' })).total);

    expect(await callError(host, 'albums.create', { name: 'trip' })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/already an album called "Trip"/) });
    expect(await callError(host, 'albums.create', { name: 'Say "cheese"' })).toMatchObject({ kind: 'bad-request' });
    const renamed = await callOk(host, 'albums.rename', { id: trip.id, name: 'Summer trip' });
    expect(renamed.name).toBe('Summer trip');
    expect(await found('album:"Summer trip"')).toEqual([a, c]);
    const removed = await callOk(host, 'albums.removePhotos', { id: trip.id, photoIds: [id(c)] });
    expect(removed).toMatchObject({ removed: 1, album: { photos: 1 } });
  });

  it('keeps a smart album current as tags change, and refuses one that refers to itself', async () => {
    const [, b, , d] = names as [string, string, string, string];
    const smart = await callOk(host, 'albums.create', { name: 'Greens', query: 'tag:broccoli' });
    expect(smart).toMatchObject({ kind: 'smart', query: 'tag:broccoli', photos: 0 });
    await callOk(host, 'tags.add', { photoIds: [id(b), id(d)], tag: 'broccoli' });
    expect((await callOk(host, 'albums.get', { id: smart.id })).photos).toBe(2);
    expect(await found('album:greens')).toEqual([b, d]);
    // A smart album over other albums and marks.
    const best = await callOk(host, 'albums.create', { name: 'Best greens', query: 'album:Greens rating:4+' });
    expect(best.photos).toBe(1);
    expect(await found('album:"Best greens"')).toEqual([b]);

    expect(await callError(host, 'albums.create', { name: 'Loop', query: 'album:Loop OR tag:dark' })).toMatchObject({ kind: 'query-syntax', message: expect.stringMatching(/refers to itself/) });
    expect(await callError(host, 'albums.setQuery', { id: smart.id, query: 'album:"Best greens"' })).toMatchObject({ kind: 'query-syntax', message: expect.stringMatching(/"Greens" → "Best greens" → "Greens"/) });
    expect(await callError(host, 'albums.create', { name: 'Broken', query: 'tag:dog (' })).toMatchObject({ kind: 'query-syntax', message: expect.stringMatching(/Unclosed parenthesis/) });
    expect(await callError(host, 'albums.addPhotos', { id: smart.id, photoIds: [id(b)] })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/smart album/) });
    // The refused changes left nothing behind.
    expect((await callOk(host, 'albums.list', {})).albums.map((x) => x.name)).toEqual(['Best greens', 'Greens', 'Summer trip']);
    expect((await callOk(host, 'albums.get', { id: smart.id })).query).toBe('tag:broccoli');
  });

  it('keeps marks and albums when every photo is analysed again, and deleting an album keeps its photos', async () => {
    const [a, b, c] = names as [string, string, string];
    await host.close();
    const analyzer = new PixelAnalyzer('pixels-2');
    host = await LibraryHost.open({ dataDir, analyzer });
    await callOk(host, 'library.index', {});
    await waitUntilIndexed(host, 4);
    expect(analyzer.analysed).toBe(4);
    expect(await found('is:favorite')).toEqual([a]);
    expect(await found('rating:4+')).toEqual([a, b]);
    expect(await found('rating:2')).toEqual([c]);
    expect(await found('album:"Summer trip"')).toEqual([a]);
    expect(await found('album:"Best greens"')).toEqual([b]);

    const trip = (await callOk(host, 'albums.list', {})).albums.find((x) => x.name === 'Summer trip');
    expect(await callOk(host, 'albums.delete', { id: trip?.id as number })).toEqual({ deleted: trip?.id, name: 'Summer trip' });
    expect((await callOk(host, 'library.status', {})).photos.total).toBe(4);
    expect(await found('')).toHaveLength(4);
    expect(await found('album:"Summer trip"')).toEqual([]);
    expect(await callOk(host, 'photos.get', { id: id(a) })).toMatchObject({ favorite: true, rating: 4 });
  });

  it('carries marks and albums over in a repair, and search finds them in the new file', async () => {
    await host.close();
    const target = LibraryDatabase.open(path.join(temp.dir, 'repaired.db'));
    try {
      const report = salvageLibraryInto(path.join(dataDir, 'library.db'), target);
      expect(report.saved).toMatchObject({ photos: 4, albums: 2, markedPhotos: 3 });
      expect(target.search('is:favorite', {}).results.map((r) => path.basename(r.path))).toEqual([names[0]]);
      expect(target.search('album:"Best greens"', {}).total).toBe(1);
    } finally {
      target.close();
    }
    host = await LibraryHost.open({ dataDir, analyzer: new PixelAnalyzer('pixels-2') });
  });
});
