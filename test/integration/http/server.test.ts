import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../electron/contract/api.js';
import type { PhotoSummaryView, SearchPageView } from '../../../electron/contract/views.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { startHttpServer, type RunningServer } from '../../../electron/http/server.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { waitUntilIndexed } from '../api/hostHelpers.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = { ok: boolean; value?: unknown; error?: { kind: string; message: string } }>(): T;
}

/**
 * The loopback HTTP shell over a real host: raw requests (the path goes out exactly as written, no client-side
 * normalising) against the token check, path traversal in every spelling, bad bodies and the event stream.
 */
describe('phototag HTTP server', () => {
  const temp = makeTempDir('phototag-http-');
  const photos = path.join(temp.dir, 'photos');
  const staticDir = path.join(temp.dir, 'ui');
  let host: LibraryHost;
  let server: RunningServer;
  let photo: PhotoSummaryView;

  function request(method: string, urlPath: string, options: { body?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, ...options.headers };
    if (options.token !== null) headers['x-phototag-token'] = options.token ?? server.token;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
        });
      });
      req.on('error', reject);
      req.end(options.body);
    });
  }
  const api = (method: string, input: unknown, token?: string | null) => request('POST', `/api/${method}`, { body: JSON.stringify(input), token });

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photos, ['000000000009.jpg', '000000000025.jpg', '000000000042.jpg']);
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Phototag</title>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'do not serve me');
    fs.symlinkSync(path.join(temp.dir, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
    host = await LibraryHost.open({ dataDir: path.join(temp.dir, 'data'), analyzer: new PixelAnalyzer() });
    server = await startHttpServer(host, { port: 0, staticDir });
    expect((await api('folders.add', { path: photos })).status).toBe(200);
    await waitUntilIndexed(host, 3);
    const page = (await api('photos.search', { query: '000000000009' })).json<{ value: SearchPageView }>();
    photo = page.value.results[0] as PhotoSummaryView;
  });
  afterAll(async () => {
    await server.close();
    await host.close();
    temp.cleanup();
  });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 to API and media requests without the token or with a wrong one', async () => {
    for (const token of [null, 'wrong', server.token.slice(0, -1)]) {
      const answer = await api('library.status', {}, token);
      expect(answer.status).toBe(401);
      expect(answer.json().error?.message).toMatch(/token/);
      expect((await request('GET', `/media/thumb/${photo.id}/256`, { token })).status).toBe(401);
      expect((await request('GET', '/api/events', { token })).status).toBe(401);
    }
  });

  /** The media cookie as the page's first load (with ?token=) sets it. */
  async function mediaCookie(): Promise<string> {
    const index = await request('GET', `/?token=${server.token}`, { token: null });
    const cookie = index.headers['set-cookie']?.[0] ?? '';
    return cookie.slice(0, cookie.indexOf(';'));
  }

  it('takes the API token from the x-phototag-token header only: no cookie, no ?token=, no Bearer', async () => {
    const cookie = await mediaCookie();
    const status = (urlPath: string, headers: Record<string, string>) => request('POST', urlPath, { body: '{}', token: null, headers }).then((a) => a.status);
    expect(await status(`/api/library.status?token=${server.token}`, {})).toBe(401);
    expect(await status('/api/library.status', { cookie })).toBe(401);
    expect(await status('/api/library.status', { cookie: `phototag_token=${server.token}` })).toBe(401);
    expect(await status('/api/library.status', { cookie: `phototag_media_${server.port}=${server.token}` })).toBe(401);
    expect(await status('/api/library.status', { authorization: `Bearer ${server.token}` })).toBe(401);
    expect(await status('/api/library.status', { 'x-phototag-token': server.token })).toBe(200);
  });

  it('lets the media cookie read media and the event stream, and nothing else', async () => {
    const cookie = await mediaCookie();
    expect(cookie).toMatch(new RegExp(`^phototag_media_${server.port}=.{32,}$`));
    // Cookies reach every port on 127.0.0.1, so the cookie must not be the API token.
    expect(cookie).not.toContain(server.token);
    expect((await request('GET', `/media/thumb/${photo.id}/256`, { token: null, headers: { cookie } })).status).toBe(200);
    expect((await request('HEAD', `/media/photo/${photo.id}`, { token: null, headers: { cookie } })).status).toBe(200);
    // A JPEG has no large rendition: asking for one is "not there", not an error of the server.
    expect((await request('GET', `/media/large/${photo.id}`, { token: null, headers: { cookie } })).status).toBe(404);
    expect((await request('GET', `/media/large/${photo.id}/2560`, { token: null, headers: { cookie } })).status).toBe(404);
    expect((await request('GET', `/media/thumb/${photo.id}/256`, { token: null, headers: { cookie: `${cookie}x` } })).status).toBe(401);
    expect((await request('GET', `/media/thumb/${photo.id}/256?token=${server.token}`, { token: null })).status).toBe(401);
    expect((await request('GET', `/media/thumb/${photo.id}/256`, { token: null, headers: { cookie: `phototag_media_1=${cookie.split('=')[1] ?? ''}` } })).status).toBe(401);

    const events = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, cookie } }, resolve);
      req.on('error', reject);
    });
    expect(events.statusCode).toBe(200);
    events.destroy();
    expect((await request('POST', '/api/library.status', { body: '{}', token: null, headers: { cookie } })).status).toBe(401);
    expect((await request('POST', '/api/tags.add', { body: JSON.stringify({ photoIds: [photo.id], tag: 'sneaky' }), token: null, headers: { cookie } })).status).toBe(401);
  });

  it.each([
    ['a page on another port', { origin: 'http://127.0.0.1:1' }],
    ['a page on another host', { origin: 'http://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['another site', { 'sec-fetch-site': 'cross-site' }],
    ['another port of the same site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses requests from %s, token or not', async (_what, headers: Record<string, string>) => {
    const cookie = await mediaCookie();
    for (const [method, urlPath] of [['POST', '/api/library.status'], ['GET', `/media/thumb/${photo.id}/256`], ['GET', '/api/events'], ['GET', '/']]) {
      const answer = await request(method as string, urlPath as string, { body: method === 'POST' ? '{}' : undefined, headers: { ...headers, cookie } });
      expect(answer.status, `${method} ${urlPath}`).toBe(403);
      expect(answer.json().error?.message).toMatch(/refused/);
    }
  });

  it("accepts its own page's requests: its Origin, same-origin and typed-in (none) fetches", async () => {
    const own: Record<string, string>[] = [{ origin: `http://127.0.0.1:${server.port}` }, { 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' }];
    for (const headers of own) {
      expect((await request('POST', '/api/library.status', { body: '{}', headers })).status).toBe(200);
    }
  });

  it('answers 405 with Allow to media requests other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await request(method, `/media/thumb/${photo.id}/256`);
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
  });

  it('makes the browser ask again before reusing a cached picture, so a page on another port cannot read it from the cache', async () => {
    const first = await request('GET', `/media/thumb/${photo.id}/256`);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await request('GET', `/media/thumb/${photo.id}/256`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const fromElsewhere = await request('GET', `/media/thumb/${photo.id}/256`, { headers: { 'if-none-match': etag, 'sec-fetch-site': 'same-site' } });
    expect(fromElsewhere.status).toBe(403);
  });

  it('marks JSON answers nosniff, so a browser never reads one as something else', async () => {
    for (const answer of [await api('library.status', {}), await api('library.status', {}, null), await request('GET', '/media/photo/987654')]) {
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses a Host header that is not the loopback address (DNS rebinding)', async () => {
    const answer = await request('POST', '/api/library.status', { body: '{}', headers: { host: `evil.example:${server.port}` } });
    expect(answer.status).toBe(403);
  });

  it('serves the UI with a strict CSP and swaps ?token= on the page for the media cookie', async () => {
    const index = await request('GET', `/?token=${server.token}`, { token: null });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(index.headers['content-security-policy']).toMatch(/form-action 'none'/);
    expect(index.headers['set-cookie']?.[0]).toMatch(new RegExp(`^phototag_media_${server.port}=[^;]+; HttpOnly; SameSite=Strict; Path=/$`));
    expect((await request('GET', '/', { token: null })).headers['set-cookie']).toBeUndefined();
    expect((await request('GET', '/?token=wrong', { token: null })).headers['set-cookie']).toBeUndefined();
    expect((await request('GET', `/assets/app.js?token=${server.token}`, { token: null })).headers['set-cookie']).toBeUndefined();
    expect((await request('GET', '/assets/app.js', { token: null })).body.toString()).toBe('console.log(1)');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '//' + 'etc/passwd',
    '/' + encodeURIComponent(path.join(temp.dir, 'secret.txt')),
    '/assets/link.txt',
    '/assets/%00app.js',
    '/%zz',
  ])('never serves a file outside the UI folder: %s', async (urlPath) => {
    const answer = await request('GET', urlPath, { token: null });
    expect([403, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain('do not serve me');
    expect(answer.body.toString()).not.toContain('root:');
  });

  it.each([
    '/media/photo/../../secret.txt',
    '/media/photo/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/media/thumb/1/../../../secret.txt',
    '/media/photo/' + encodeURIComponent(path.join(temp.dir, 'secret.txt')),
    '/media/photo/1%2f..%2f..',
    '/media/thumb/abc/256',
    '/media/thumb/1/999',
  ])('names media only by photo id: %s', async (urlPath) => {
    const answer = await request('GET', urlPath);
    expect([403, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain('do not serve me');
  });

  it('serves a thumbnail and the original, and refuses an original swapped for a link out of the library', async () => {
    const thumb = await request('GET', `/media/thumb/${photo.id}/1024`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.body.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const grid = await request('GET', `/media/thumb/${photo.id}/256`);
    expect(grid.headers['content-type']).toBe('image/webp');
    expect(grid.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
    const original = await request('GET', `/media/photo/${photo.id}`);
    expect(original.status).toBe(200);
    expect(original.body.equals(fs.readFileSync(photo.path))).toBe(true);

    const other = (await api('photos.search', { query: '000000000025' })).json<{ value: SearchPageView }>().value.results[0] as PhotoSummaryView;
    fs.rmSync(other.path);
    fs.symlinkSync(path.join(temp.dir, 'secret.txt'), other.path);
    const refused = await request('GET', `/media/photo/${other.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.toString()).not.toContain('do not serve me');
    expect((await request('GET', '/media/photo/987654')).status).toBe(404);
  });

  it('answers 400 to a malformed body or message, and keeps serving', async () => {
    const broken = await request('POST', '/api/photos.search', { body: '{"query": "tag:dog"' });
    expect(broken.status).toBe(400);
    expect(broken.json().error).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/not valid JSON/) });
    const wrongShape = await api('photos.search', { query: 42 });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.json().error?.message).toMatch(/query/);
    expect((await api('photos.search', ['not', 'an', 'object'])).status).toBe(400);
    expect((await request('POST', '/api/%E0%A4%A', { body: '{}' })).status).toBe(400);
    expect((await api('no.such.method', {})).status).toBe(404);
    expect((await request('GET', '/api/library.status')).status).toBe(405);
    const syntax = await api('photos.search', { query: 'tag:dog (' });
    expect(syntax.status).toBe(400);
    expect(syntax.json().error?.kind).toBe('query-syntax');
    const huge = await request('POST', '/api/photos.search', { body: JSON.stringify({ query: 'x'.repeat(5 << 20) }) });
    expect(huge.status).toBe(413);

    const after = await api('library.status', {});
    expect(after.status).toBe(200);
    expect(after.json<{ value: { photos: { total: number } } }>().value.photos.total).toBe(3);
  });

  it('streams events to a subscriber and keeps a correction made over HTTP across a re-analysis', async () => {
    const events: ApiEvent[] = [];
    const stream = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, 'x-phototag-token': server.token } });
    const connected = new Promise<http.IncomingMessage>((resolve) => stream.on('response', resolve));
    const response = await connected;
    expect(response.headers['content-type']).toBe('text/event-stream');
    let buffered = '';
    response.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const frames = buffered.split('\n\n');
      buffered = frames.pop() ?? '';
      for (const frame of frames) if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as ApiEvent);
    });

    expect((await api('tags.add', { photoIds: [photo.id], tag: 'lunch' })).status).toBe(200);
    expect((await api('tags.reject', { photoIds: [photo.id], tag: 'reddish' })).status).toBe(200);
    fs.copyFileSync(path.join(sharedData('coco', 'images'), '000000000074.jpg'), photo.path);
    expect((await api('library.index', {})).status).toBe(200);
    await waitUntilIndexed(host, 3);
    const detail = (await api('photos.get', { id: photo.id })).json<{ value: PhotoSummaryView }>().value;
    const tags = new Map(detail.tags.map((t) => [t.name, t]));
    expect(tags.get('lunch')).toMatchObject({ source: 'user', state: 'accepted' });
    expect(tags.get('reddish')?.state).toBe('rejected');
    stream.destroy();
    expect(events).toContainEqual({ type: 'library-changed', reason: 'tags' });
    expect(events.some((e) => e.type === 'index-progress')).toBe(true);
  });
});
