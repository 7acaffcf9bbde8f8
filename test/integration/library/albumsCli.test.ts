import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlbumListView, AlbumView, SearchPageView } from '../../../electron/contract/views.js';
import { runCli, runCliJson } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

const names = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg'];

describe('phototag album', () => {
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const photos = path.join(temp.dir, 'photos');
  const json = <T>(...args: string[]) => runCliJson<T>(['--data-dir', dataDir, ...args]);
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const photo = (i: number) => path.join(photos, names[i] as string);

  beforeAll(() => {
    copyPhotos(sharedData('coco', 'images'), photos, names);
    expect(cli('add', photos).status).toBe(0);
    const index = cli('--models', 'off', 'index');
    expect(index.status, index.stderr).toBe(0);
  }, 300_000);
  afterAll(() => temp.cleanup());

  it('creates, adds to, lists and shows a hand-picked album, and searches it', () => {
    expect(json<AlbumView>('album', 'create', 'Trip', photo(0))).toMatchObject({ name: 'Trip', kind: 'hand-picked', photos: 1 });
    expect(json<{ added: number; album: AlbumView }>('album', 'add', 'trip', photo(0), photo(2))).toMatchObject({ added: 1, album: { photos: 2 } });
    const list = json<AlbumListView>('album', 'list');
    expect(list).toMatchObject({ favorites: 0, albums: [{ name: 'Trip', photos: 2 }] });
    const shown = json<{ album: AlbumView; photos: SearchPageView }>('album', 'show', 'Trip');
    expect(shown.photos.results.map((r) => path.basename(r.path)).sort()).toEqual([names[0], names[2]]);
    expect(json<SearchPageView>('search', 'album:"Trip"').total).toBe(2);
    expect(cli('album').stdout).toMatch(/Trip\s+2 photos\s+hand-picked/);
  });

  it('makes a smart album from a query, and refuses a bad one or a taken name with exit 2', () => {
    expect(json<AlbumView>('album', 'create', 'Everything in Trip', '--query', 'album:Trip OR is:favorite')).toMatchObject({ kind: 'smart', photos: 2 });
    const bad = cli('album', 'create', 'Broken', '--query', 'tag:(');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/phototag: /);
    const taken = cli('album', 'create', 'TRIP');
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/already an album called "Trip"/);
    expect(cli('album', 'add', 'Nowhere', photo(1)).status).toBe(1);
  });

  it('deletes an album and keeps its photos', () => {
    expect(json<{ name: string }>('album', 'delete', 'Trip')).toMatchObject({ name: 'Trip' });
    expect(json<SearchPageView>('search', '').total).toBe(3);
    expect(json<AlbumListView>('album', 'list').albums.map((a) => [a.name, a.photos])).toEqual([['Everything in Trip', 0]]);
  });
});
