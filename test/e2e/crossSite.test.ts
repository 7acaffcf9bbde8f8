import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoSummaryView } from '../../electron/contract/views.js';
import { sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { chromiumPath, hasChromium, launchBrowser, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

if (!hasChromium) console.warn(`e2e: skipped, no Chromium at ${chromiumPath} (install Debian's chromium package to run the browser tests).`);

interface Logged {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// The little of the DOM these tests read inside the pages (the e2e project compiles without DOM types).
declare const document: { querySelectorAll(selector: string): ArrayLike<{ complete: boolean; naturalWidth: number }> };
declare const window: { done?: boolean; results: AttackResults };

interface AttackResults {
  fetches: string[];
  images: Record<string, 'load' | 'error'>;
  events: string[];
}

/**
 * What another program serving pages on 127.0.0.1 (a dev server, another user's page) can do to a logged-in
 * Phototag tab in the same browser. Cookies ignore ports, so such a page is "same-site" and is sent our cookies:
 * it must get nowhere with forms, no-cors fetches, images or the event stream, and never see the API token.
 */
describe.skipIf(!hasChromium)('phototag serve against a page on another 127.0.0.1 port', () => {
  const temp = makeTempDir('phototag-e2e-xsite-');
  const photosDir = path.join(temp.dir, 'photos');
  const names = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg'];
  const attackerLog: Logged[] = [];
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  let attacker: http.Server;
  let attackerOrigin: string;
  let photo: PhotoSummaryView;

  /** The attacker's page: every way a page elsewhere can make the browser send a request to Phototag. */
  function attackPage(): string {
    const target = served.origin;
    const id = photo.id;
    const json = (value: unknown) => JSON.stringify(JSON.stringify(value));
    // text/plain form: the field name carries a JSON object whose last string swallows the "=" and the value.
    const plainName = `{"photoIds":[${id}],"tag":"formtag","x":"`;
    return `<!doctype html><html><body>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<form id="plain" method="POST" enctype="text/plain" target="sink1" action="${target}/api/tags.add"><input name='${plainName}' value='"}'></form>
<form id="urlencoded" method="POST" target="sink2" action="${target}/api/captions.set"><input name="photoId" value="${id}"><input name="text" value="Form caption"></form>
<script>
window.results = { fetches: [], images: {}, events: [] };
const attempts = [
  ['${target}/api/captions.set', ${json({ photoId: id, text: 'Attacker caption' })}],
  ['${target}/api/tags.add', ${json({ photoIds: [id], tag: 'attacked' })}],
  ['${target}/api/folders.remove', ${json({ path: photosDir })}],
];
const fetches = attempts.map(([url, body]) =>
  fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body })
    .then((r) => window.results.fetches.push(url + ' ' + r.type), (e) => window.results.fetches.push(url + ' ' + e.message)));
const images = ['/media/thumb/${id}/256', '/media/thumb/${id}/1024', '/media/photo/${id}'].map((src) => new Promise((resolve) => {
  const img = new Image();
  img.onload = () => { window.results.images[src] = 'load'; resolve(); };
  img.onerror = () => { window.results.images[src] = 'error'; resolve(); };
  img.src = '${target}' + src;
}));
const events = new Promise((resolve) => {
  const source = new EventSource('${target}/api/events', { withCredentials: true });
  source.onopen = () => window.results.events.push('open');
  source.onmessage = (m) => window.results.events.push('message ' + m.data);
  source.onerror = () => { window.results.events.push('error ' + source.readyState); source.close(); resolve(); };
});
// A form's request has been answered once its target frame loads whatever came back (blocked or not).
const forms = ['plain', 'urlencoded'].map((id, i) => new Promise((resolve) => {
  document.getElementsByName('sink' + (i + 1))[0].addEventListener('load', resolve, { once: true });
  document.getElementById(id).submit();
}));
Promise.all([...fetches, ...images, events, ...forms]).then(() => { window.done = true; });
</script></body></html>`;
  }

  beforeAll(async () => {
    copyPhotos(sharedData('coco', 'images'), photosDir, names);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'off' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, names.length);
    photo = (await served.api('photos.search', { query: '000000000009' })).results[0] as PhotoSummaryView;

    attacker = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        attackerLog.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(req.url === '/' ? attackPage() : '');
      });
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;

    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
    const code = await served?.stop();
    temp.cleanup();
    expect(code).toBe(0);
  });

  const thumbnailsLoaded = (p: Page) =>
    p.waitForFunction((count) => {
      const images = Array.from(document.querySelectorAll('[data-photo-id] img'));
      return images.length === count && images.every((img) => img.complete && img.naturalWidth > 0);
    }, names.length);

  it('logs in with the printed URL, then keeps working over a reload without the token in the address bar', async () => {
    await page.goto(served.url);
    await thumbnailsLoaded(page);
    expect(page.url()).not.toContain('token=');
    await page.reload();
    await thumbnailsLoaded(page);
  });

  it('a new tab without the token (the cookie alone) is told to open the printed URL', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${served.origin}/`);
    await other.getByText('Open the URL that `phototag serve` printed').waitFor();
    await other.close();
  });

  it('gives a page on another port nothing: no change, no picture, no events, no token', async () => {
    const before = await served.api('photos.get', { id: photo.id });
    const attack = await browser.context.newPage();
    await attack.goto(`${attackerOrigin}/`);
    await attack.waitForFunction(() => window.done === true);
    const results = await attack.evaluate(() => window.results);

    // The library, asked with the token: exactly as before.
    const after = await served.api('photos.get', { id: photo.id });
    expect(after.caption).toEqual(before.caption);
    expect(after.tags).toEqual(before.tags);
    const status = await served.api('library.status', {});
    expect(status.folders.map((f) => f.path)).toEqual([photosDir]);
    expect(status.photos.total).toBe(names.length);

    expect(results.images).toEqual({ [`/media/thumb/${photo.id}/256`]: 'error', [`/media/thumb/${photo.id}/1024`]: 'error', [`/media/photo/${photo.id}`]: 'error' });
    expect(results.events.filter((e) => e === 'open' || e.startsWith('message'))).toEqual([]);
    expect(results.fetches).toHaveLength(3);

    // Every header, URL and body the attacker's server received: the API token is in none of them. The premise
    // holds: our media cookie did reach the other port, so it must be (and is) worth nothing there but pictures.
    expect(attackerLog.some((entry) => String(entry.headers.cookie ?? '').includes(`phototag_media_${new URL(served.origin).port}=`))).toBe(true);
    for (const entry of attackerLog) expect(JSON.stringify(entry)).not.toContain(served.token);
    await attack.close();
  });

  it('the real page still works after the attack', async () => {
    await page.reload();
    await thumbnailsLoaded(page);
    const detail = await served.api('photos.get', { id: photo.id });
    expect(detail.tags.map((t) => t.name)).not.toContain('attacked');
    expect(fs.existsSync(photosDir)).toBe(true);
  });
});
