import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * Adding a folder from the browser's folder list and looking at its photos in the viewer, in Chromium against
 * `phototag serve`, whose home folder is a temp dir holding a few real photos (copied there, never into the repo).
 */
describe.skipIf(!hasChromium)('adding a folder by browsing, and the viewer', () => {
  const temp = makeTempDir('phototag-e2e-viewer-');
  const home = path.join(temp.dir, 'home');
  const holiday = path.join(home, 'Pictures', 'Holiday');
  const names = Object.keys(readJson<Record<string, string[]>>(sharedData('coco', 'labels.json'))).sort().slice(0, 5);
  const query = 'folder:Holiday';
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  let ids: number[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
  const key = (k: string) => page.keyboard.press(k);
  const zoomPercent = async () => Number.parseInt((await page.locator('.stage-zoom').textContent()) ?? '', 10);

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('coco', 'images'), holiday, names);
    fs.mkdirSync(path.join(home, 'Documents'), { recursive: true });
    fs.mkdirSync(path.join(home, '.hidden'), { recursive: true });
    copyPhotos(sharedData('exif', 'images'), path.join(home, 'Pictures', 'Phone'), ['iphone_13_pro_max.HEIC']);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'off', env: { HOME: home } });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  it('adds a folder picked from the folder list, without typing its path', async () => {
    await page.goto(served.url);
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Browse…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose a folder' });
    const list = dialog.getByRole('list', { name: 'Folders' });
    await list.getByRole('button', { name: 'Pictures' }).waitFor();
    expect(await list.getByRole('button').allTextContents()).toEqual(['Documents', 'Pictures']);
    await list.getByRole('button', { name: 'Pictures' }).click();
    await list.getByRole('button', { name: 'Phone' }).waitFor();
    await list.getByRole('button', { name: 'Holiday' }).click();
    await dialog.getByRole('button', { name: 'Add “Holiday”' }).waitFor();
    await shot('folder-browser');
    await dialog.getByRole('button', { name: 'Add “Holiday”' }).click();
    await page.locator('.folder-path', { hasText: holiday }).waitFor();
    await waitForIndexing(served, names.length);
    ids = (await served.api('photos.search', { query, limit: 10 })).results.map((r) => r.id);
    expect(ids).toHaveLength(names.length);
  });

  it('shows the original, zooms from the keyboard and goes full screen with f', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('combobox', { name: 'Search photos' }).fill(query);
    await page.getByText(`${names.length} photos match`, { exact: true }).waitFor();
    await page.locator(`[data-photo-id="${ids[0]}"]`).click();
    await page.waitForURL(/#\/photo\//);
    const image = page.locator('.viewer-canvas img');
    await page.locator('.viewer-canvas img[data-full="yes"]').waitFor();
    expect(await image.getAttribute('src')).toBe(`/media/photo/${ids[0]}`);
    const fit = await zoomPercent();
    const before = await image.boundingBox();
    await key('+');
    await key('+');
    expect(await zoomPercent()).toBeGreaterThan(fit);
    const after = await image.boundingBox();
    expect(after?.width ?? 0).toBeGreaterThan((before?.width ?? 0) * 1.4);
    await shot('viewer-zoomed');
    // Zoomed in, the arrows pan instead of stepping.
    await key('ArrowRight');
    expect(page.url()).toContain(`#/photo/${ids[0]}?`);
    await key('z');
    expect(await zoomPercent()).toBe(fit);

    await key('f');
    await page.waitForFunction('document.fullscreenElement !== null');
    expect(await page.evaluate('document.fullscreenElement.className')).toBe('photo-stage');
    await shot('viewer-fullscreen');
    await key('f');
    await page.waitForFunction('document.fullscreenElement === null');
  });

  it('steps through the search with the arrows, also after opening a photo by its link', async () => {
    await key('ArrowRight');
    await page.waitForURL(new RegExp(`#/photo/${ids[1]}\\?q=${encodeURIComponent(query)}&i=1$`));
    await key('ArrowLeft');
    await page.waitForURL(new RegExp(`#/photo/${ids[0]}\\?q=${encodeURIComponent(query)}&i=0$`));

    // A link with the search but not the place in it, in a fresh load of the page.
    await page.goto(`${served.origin}/#/photo/${ids[2]}?q=${encodeURIComponent(query)}`);
    await page.waitForURL(new RegExp(`#/photo/${ids[2]}\\?q=${encodeURIComponent(query)}&i=2$`));
    await page.locator('.viewer-canvas img').waitFor();
    await page.getByRole('button', { name: 'Next photo' }).and(page.locator(':enabled')).waitFor();
    await key('ArrowRight');
    await page.waitForURL(new RegExp(`#/photo/${ids[3]}\\?`));
    await page.reload();
    await page.getByRole('button', { name: 'Previous photo' }).and(page.locator(':enabled')).waitFor();
    await key('ArrowLeft');
    await page.waitForURL(new RegExp(`#/photo/${ids[2]}\\?`));

    // The slideshow steps on by itself, and any key stops it.
    await page.getByRole('combobox', { name: 'Slideshow interval' }).selectOption('3');
    await page.getByRole('button', { name: 'Slideshow' }).click();
    await page.getByText('Slideshow: a new photo every 3 s. Press any key to stop.').waitFor();
    await page.waitForURL(new RegExp(`#/photo/${ids[3]}\\?`), { timeout: 30_000 });
    await key('x');
    await page.getByRole('status').filter({ hasText: 'Slideshow:' }).waitFor({ state: 'detached' });
    // Stopped where it was: ← goes back one photo once that photo's neighbours are known (a slow machine may
    // still be loading them, or have stepped once more before the key arrived).
    const stoppedAt = ids.indexOf(Number(/#\/photo\/(\d+)/.exec(page.url())?.[1]));
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Previous photo' }).and(page.locator(':enabled')).waitFor();
    await key('ArrowLeft');
    await page.waitForURL(new RegExp(`#/photo/${ids[stoppedAt - 1]}\\?`));
  });

  it('shows a HEIC, which Chromium cannot, through its large rendition', async () => {
    await served.api('folders.add', { path: path.join(home, 'Pictures', 'Phone') });
    await waitForIndexing(served, names.length + 1);
    const [heic] = (await served.api('photos.search', { query: 'folder:Phone', limit: 1 })).results;
    await page.goto(`${served.origin}/#/photo/${heic?.id}?q=folder%3APhone`);
    await page.locator('.viewer-canvas img[data-full="yes"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('.viewer-canvas img').getAttribute('src')).toBe(`/media/large/${heic?.id}`);
    // The e2e tsconfig has no DOM types: the image's natural size, typed here for what is read.
    const natural = await page.locator('.viewer-canvas img').evaluate((img) => [(img as unknown as { naturalWidth: number }).naturalWidth, (img as unknown as { naturalHeight: number }).naturalHeight]);
    expect(Math.max(...natural)).toBe(2560);
    await shot('viewer-heic');
  }, 180_000);

  it('lists the shortcuts on ?, and Esc closes the list', async () => {
    await key('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await sheet.getByText('Full screen, or leave it').waitFor();
    await shot('viewer-shortcuts');
    await key('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/#\/photo\/\d+\?/);
  });
});
