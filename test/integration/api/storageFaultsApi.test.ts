import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../electron/contract/result.js';
import type { SearchPageView } from '../../../electron/contract/views.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { startHttpServer, type RunningServer } from '../../../electron/http/server.js';
import { mountProblem, mountTmpfs, unmount } from '../../helpers/mounts.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { callOk, waitUntilIndexed } from './hostHelpers.js';

function post(server: RunningServer, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; error?: ApiError } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-phototag-token': server.token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

/**
 * A correction made in the app while the disk is full: the write is refused by SQLite, and the UI must hear
 * "the disk is full" (kind storage-unavailable, HTTP 503), not "internal error" — and nothing half-written.
 */
describe.skipIf(mountProblem !== null)(`API calls on a full disk${mountProblem ? ` (skipped: ${mountProblem})` : ''}`, () => {
  const temp = makeTempDir('phototag-fullapi-');
  const disk = path.join(temp.dir, 'disk');
  let host: LibraryHost | null = null;
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close();
    await host?.close();
    unmount(disk);
    temp.cleanup();
  });

  it('answer storage-unavailable with what to do, over HTTP as 503, and work again once there is room', async () => {
    const photos = path.join(temp.dir, 'photos');
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000009.jpg', '000000000025.jpg', '000000000042.jpg']);
    mountTmpfs(disk, '16m');
    const dataDir = path.join(disk, 'data');
    host = await LibraryHost.open({ dataDir, analyzer: new PixelAnalyzer() });
    server = await startHttpServer(host, { port: 0, staticDir: null });
    await callOk(host, 'folders.add', { path: photos });
    await waitUntilIndexed(host, 3);
    const photoIds = (await callOk(host, 'photos.search', { query: '', limit: 10, offset: 0 }) as SearchPageView).results.map((p) => p.id);

    // Fill the disk to the last byte, then keep correcting until a write needs room the disk no longer has.
    const filler = path.join(disk, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      const block = Buffer.alloc(64 * 1024, 1);
      for (;;) fs.writeSync(fd, block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }
    let refused: { status: number; body: { ok: boolean; error?: ApiError } } | null = null;
    for (let i = 0; i < 400 && refused === null; i++) {
      const answer = await post(server, 'captions.set', { photoId: photoIds[i % photoIds.length], text: `caption ${i} `.padEnd(2000, 'x') });
      if (!answer.body.ok) refused = answer;
    }
    expect(refused, 'a write on the full disk was refused').not.toBeNull();
    expect(refused?.status).toBe(503);
    expect(refused?.body.error?.kind).toBe('storage-unavailable');
    expect(refused?.body.error?.message).toBe(`The disk holding the library (${dataDir}) is full: free some space, then try again; nothing was lost.`);

    fs.rmSync(filler);
    const saved = await post(server, 'captions.set', { photoId: photoIds[0], text: 'written once there was room' });
    expect(saved.status).toBe(200);
    expect((await callOk(host, 'photos.get', { id: photoIds[0] as number })).caption).toBe('written once there was room');
  });
});
