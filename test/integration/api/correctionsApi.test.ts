import fs from 'node:fs';
import path from 'node:path';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDetailView, PhotoSummaryView } from '../../../electron/contract/views.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { callError, callOk, waitUntilIndexed } from './hostHelpers.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';

/**
 * The correcting API end to end over a real library: real photos, a real SQLite file, the background watcher,
 * and an analyzer over the real pixels, so re-analysis after a file change really rewrites the model's tags.
 */
describe('corrections through the API', () => {
  const temp = makeTempDir('phototag-api-');
  const photos = path.join(temp.dir, 'photos');
  const coco = sharedData('coco', 'images');
  const analyzer = new PixelAnalyzer();
  let host: LibraryHost;
  let a: PhotoDetailView;
  let b: PhotoDetailView;
  const tagsOf = (photo: PhotoSummaryView) => new Map(photo.tags.map((t) => [t.name, t]));
  const get = (id: number) => callOk(host, 'photos.get', { id });
  const paths = async (query: string) => (await callOk(host, 'photos.search', { query })).results.map((r) => path.basename(r.path)).sort();

  beforeAll(async () => {
    copyPhotos(coco, photos, ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg']);
    host = await LibraryHost.open({ dataDir: path.join(temp.dir, 'data'), analyzer });
    // Added while the host runs: the watcher must pick the folder up without a restart.
    await callOk(host, 'folders.add', { path: photos });
    await waitUntilIndexed(host, 4);
    const page = await callOk(host, 'photos.search', { query: '', limit: 10 });
    const byName = new Map(page.results.map((r) => [path.basename(r.path), r.id]));
    a = await get(byName.get('000000000009.jpg') as number);
    b = await get(byName.get('000000000025.jpg') as number);
  });
  afterAll(async () => {
    await host.close();
    temp.cleanup();
  });

  it('indexes a folder added while running, with the model tags stored as suggestions', async () => {
    const status = await callOk(host, 'library.status', {});
    expect(status.photos).toMatchObject({ total: 4, indexed: 4, queued: 0, failed: 0 });
    expect(status.indexer).toEqual({ state: 'watching', problem: null, models: 'pixels-1', improving: null, readingText: null });
    expect(a.tags.length).toBe(3);
    for (const tag of a.tags) expect(tag).toMatchObject({ source: 'model', state: 'suggested' });
    expect(a.caption).toMatch(/^A (bright|dark) photo$/);
  });

  it('applies accept, reject, add and rename to one photo or many, and search follows', async () => {
    const rejected = await callOk(host, 'tags.reject', { photoIds: [a.id], tag: 'reddish' });
    expect(tagsOf(rejected.photos[0] as PhotoSummaryView).get('reddish')?.state).toBe('rejected');
    const brightness = a.tags.find((t) => t.name === 'bright' || t.name === 'dark')?.name as string;
    await callOk(host, 'tags.accept', { photoIds: [a.id], tag: brightness });
    const added = await callOk(host, 'tags.add', { photoIds: [a.id, b.id], tag: 'broccoli' });
    expect(added.photos.map((p) => tagsOf(p).get('broccoli'))).toEqual([
      expect.objectContaining({ source: 'user', state: 'accepted' }),
      expect.objectContaining({ source: 'user', state: 'accepted' }),
    ]);
    await callOk(host, 'tags.rename', { photoIds: [b.id], from: 'bluish', to: 'blue' });
    await callOk(host, 'captions.set', { photoId: a.id, text: 'Lunch, the healthy kind' });

    expect(await paths('tag:broccoli')).toEqual(['000000000009.jpg', '000000000025.jpg']);
    expect(await paths('tag:reddish')).not.toContain('000000000009.jpg');
    expect(await paths('tag:blue')).toEqual(['000000000025.jpg']);
    expect(await paths('tag:bluish')).not.toContain('000000000025.jpg');
    expect(await paths('healthy')).toEqual(['000000000009.jpg']);
    const counts = new Map((await callOk(host, 'tags.list', {})).map((t) => [t.name, t.count]));
    expect(counts.get('broccoli')).toBe(2);
    expect(await callOk(host, 'tags.suggest', { prefix: 'broc' })).toEqual([{ name: 'broccoli', count: 2 }]);
  });

  it('keeps every correction when the photos are analysed again', async () => {
    const before = analyzer.analysed;
    // New bytes under the same names: both photos get a new content hash and go through the model again.
    fs.copyFileSync(path.join(coco, '000000000042.jpg'), path.join(photos, '000000000009.jpg'));
    fs.copyFileSync(path.join(coco, '000000000074.jpg'), path.join(photos, '000000000025.jpg'));
    await callOk(host, 'library.index', {});
    await waitUntilIndexed(host, 4);
    expect(analyzer.analysed).toBeGreaterThanOrEqual(before + 2);

    const afterA = tagsOf(await get(a.id));
    expect(afterA.get('reddish')?.state).toBe('rejected');
    expect(afterA.get('broccoli')).toMatchObject({ source: 'user', state: 'accepted' });
    const detailA = await get(a.id);
    expect(detailA.caption).toBe('Lunch, the healthy kind');
    expect(detailA.captionSource).toBe('user');
    const afterB = tagsOf(await get(b.id));
    expect(afterB.get('bluish')?.state).toBe('rejected');
    expect(afterB.get('blue')).toMatchObject({ source: 'user', state: 'accepted' });
    expect(await paths('tag:broccoli')).toEqual(['000000000009.jpg', '000000000025.jpg']);
    expect(await paths('tag:reddish')).not.toContain('000000000009.jpg');
  });

  it('offers the least certain untouched suggestions first for review', async () => {
    const queue = await callOk(host, 'review.queue', { limit: 50 });
    expect(queue.length).toBeGreaterThan(0);
    const distances = queue.map((item) => Math.abs((item.tag.confidence as number) - 0.5));
    expect(distances).toEqual([...distances].sort((x, y) => x - y));
    for (const item of queue) expect(item.tag).toMatchObject({ source: 'model', state: 'suggested' });
    // Judged tags are not asked about again.
    expect(queue.some((item) => item.photo.id === a.id && item.tag.name === 'reddish')).toBe(false);
    const onlyBluish = await callOk(host, 'review.queue', { limit: 50, tag: 'bluish' });
    expect(onlyBluish.length).toBeGreaterThan(0);
    expect(onlyBluish.every((item) => item.tag.name === 'bluish')).toBe(true);
    expect(await callOk(host, 'review.queue', { limit: 5, tag: 'no such tag' })).toEqual([]);
  });

  it('undoes one whole action at a time, newest first', async () => {
    const caption = await callOk(host, 'corrections.undo', {});
    expect(caption.undone).toBe(1);
    const detail = await get(a.id);
    expect(detail.captionSource).toBe('model');
    expect(detail.caption).not.toBe('Lunch, the healthy kind');

    const rename = await callOk(host, 'corrections.undo', {});
    expect(rename.undone).toBe(2);
    const renamedBack = tagsOf(await get(b.id));
    expect(renamedBack.get('bluish')?.state).toBe('suggested');
    expect(renamedBack.has('blue')).toBe(false);

    const broccoli = await callOk(host, 'corrections.undo', {});
    expect(broccoli.undone).toBe(2);
    expect(broccoli.photos.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(await paths('tag:broccoli')).toEqual([]);

    await callOk(host, 'corrections.undo', {});
    await callOk(host, 'corrections.undo', {});
    expect(tagsOf(await get(a.id)).get('reddish')?.state).toBe('suggested');
    const none = await callError(host, 'corrections.undo', {});
    expect(none.kind).toBe('nothing-to-undo');
  });

  it('refuses bad requests with a kind and a message that says what is wrong', async () => {
    expect(await callError(host, 'tags.add', { photoIds: [987654], tag: 'dog' })).toMatchObject({ kind: 'photo-not-found', message: expect.stringMatching(/987654/) });
    expect(await callError(host, 'tags.add', { photoIds: [a.id], tag: '  ' })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/tag needs a name/) });
    expect(await callError(host, 'tags.add', { photoIds: [], tag: 'dog' })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/photoIds/) });
    expect(await callError(host, 'photos.search', { query: 'tag:dog extra=1', nope: true })).toMatchObject({ kind: 'bad-request' });
    expect(await callError(host, 'no.such.method', {})).toMatchObject({ kind: 'unknown-method' });
    const syntax = await callError(host, 'photos.search', { query: 'tag:dog (cat' });
    expect(syntax.kind).toBe('query-syntax');
    expect(syntax.details).toMatchObject({ position: expect.any(Number) });
    expect((await callError(host, 'search.facets', { query: 'year:' })).kind).toBe('query-syntax');
    expect(await callError(host, 'folders.add', { path: 'relative/photos' })).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/full path/) });
    expect((await callError(host, 'folders.add', { path: path.join(temp.dir, 'nowhere') })).kind).toBe('folder-not-found');
    expect((await callError(host, 'folders.add', { path: path.join(photos, '000000000030.jpg') })).kind).toBe('not-a-folder');
    expect((await callError(host, 'photos.get', { id: 987654 })).kind).toBe('photo-not-found');
  });

  it('serves thumbnails and originals by photo id, and refuses an original that now leads outside the library', async () => {
    expect(host.media({ kind: 'thumb', photoId: a.id, size: 256 })).toMatchObject({ ok: true, mime: 'image/webp' });
    expect(host.media({ kind: 'thumb', photoId: a.id, size: 1024 })).toMatchObject({ ok: true, mime: 'image/jpeg' });
    const original = host.media({ kind: 'original', photoId: a.id });
    expect(original).toMatchObject({ ok: true, mime: 'image/jpeg', file: path.join(photos, '000000000009.jpg') });
    expect(host.media({ kind: 'original', photoId: 987654 })).toMatchObject({ ok: false, status: 404 });

    // The file is swapped for a link to a file outside every library folder.
    const outside = path.join(temp.dir, 'secret.jpg');
    fs.copyFileSync(path.join(coco, '000000000030.jpg'), outside);
    const c = (await callOk(host, 'photos.search', { query: '000000000030' })).results[0] as PhotoSummaryView;
    fs.rmSync(c.path);
    fs.symlinkSync(outside, c.path);
    const refused = host.media({ kind: 'original', photoId: c.id });
    expect(refused).toMatchObject({ ok: false, status: 403, reason: expect.stringMatching(/outside the library/) });
  });

  it('logs the corrections that stand, and leaves out those taken back', async () => {
    await callOk(host, 'tags.reject', { photoIds: [a.id], tag: 'bluish' });
    // Read the log as training would, through a second (read-only) connection to the same file.
    const reader = LibraryDatabase.open(path.join(temp.dir, 'data', 'library.db'), { readonly: true });
    try {
      expect(reader.corrections.list().map((c) => [c.kind, c.tagName])).toEqual([['reject', 'bluish']]);
      expect(reader.db.prepare('SELECT COUNT(*) AS n FROM corrections WHERE undone_at IS NOT NULL').get()).toEqual({ n: 7 });
    } finally {
      reader.close();
    }
  });
});
