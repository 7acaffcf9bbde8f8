import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * Favourites, ratings and albums as a user meets them: `phototag serve` on a temp library of real photos, Chromium
 * driving the built UI with the keyboard and the mouse, and a reload to show that all of it was kept.
 */
describe.skipIf(!hasChromium)('favourites, ratings and albums in a browser', () => {
  const temp = makeTempDir('phototag-e2e-albums-');
  const photosDir = path.join(temp.dir, 'Photos');
  const names = Object.keys(readJson<Record<string, string[]>>(sharedData('coco', 'labels.json'))).sort().slice(0, 6);
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
  const collections = () => page.getByRole('list', { name: 'Collections' });
  const sidebarCount = (name: string) => collections().getByRole('link', { name: new RegExp(`^${name}`) }).locator('.count');
  const resultLine = (n: number) => page.getByText(`${n} ${n === 1 ? 'photo matches' : 'photos match'}`, { exact: true });

  async function search(query: string): Promise<void> {
    await page.getByRole('combobox', { name: 'Search photos' }).fill(query);
    await page.locator('.result-count').click();
  }

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('coco', 'images'), photosDir, names);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'off' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, names.length);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  it('marks the focused photo a favourite with "." and rates it with 4', async () => {
    await page.goto(served.url);
    const grid = page.getByRole('grid', { name: 'All photos' });
    await grid.locator('[data-photo-id] img').first().waitFor();
    await grid.focus();
    await page.keyboard.press('.');
    await page.getByText('Added 1 photo to Favourites').waitFor();
    await page.keyboard.press('4');
    await page.getByText('Rated 1 photo 4 stars').waitFor();
    const first = grid.locator('[data-photo-id]').first();
    await expect.poll(() => first.getByRole('button', { name: /^Favourite/ }).getAttribute('aria-pressed')).toBe('true');
    await first.getByRole('group', { name: /: 4 stars$/ }).waitFor();
    await expect.poll(() => sidebarCount('Favourites').textContent()).toBe('1');
    await shot('albums-favourite-rated');
  });

  it('makes an album from a selection and opens it from the sidebar', async () => {
    const grid = page.getByRole('grid', { name: 'All photos' });
    const tiles = grid.locator('[data-photo-id]');
    await tiles.nth(1).getByRole('button', { name: /^Select / }).click();
    await tiles.nth(2).click();
    await page.getByText('2 photos selected').waitFor();
    await page.getByRole('button', { name: 'Add to album' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add 2 photos to an album' });
    await dialog.getByLabel('New album name').fill('Trip');
    await shot('albums-add-to-album');
    await dialog.getByRole('button', { name: 'Make a new album' }).click();
    await page.getByText('Made the album “Trip” with 2 photos').waitFor();
    await expect.poll(() => sidebarCount('Trip').textContent()).toBe('2');
    await collections().getByRole('link', { name: /^Trip/ }).click();
    await resultLine(2).waitFor();
    expect(decodeURIComponent(page.url())).toContain('#/search?q=album:"Trip"');
  });

  it('finds them with album:"Trip", rating:4+ and is:favourite, and keeps everything over a reload', async () => {
    await search('rating:4+');
    await resultLine(1).waitFor();
    await page.reload();
    await page.getByRole('combobox', { name: 'Search photos' }).waitFor();
    await expect.poll(() => sidebarCount('Favourites').textContent()).toBe('1');
    await expect.poll(() => sidebarCount('Trip').textContent()).toBe('2');
    await search('album:"Trip"');
    await resultLine(2).waitFor();
    await search('rating:4+');
    await resultLine(1).waitFor();
    await search('is:favourite rating:4');
    await resultLine(1).waitFor();
    const marked = page.locator('[data-photo-id]').first();
    await marked.click();
    const marks = page.getByRole('region', { name: 'Favourite and rating' });
    await expect.poll(() => marks.getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed')).toBe('true');
    await marks.getByRole('group', { name: 'Rating: 4 stars' }).waitFor();
    await shot('albums-photo-view');
  });

  it('lists the album on the Albums screen, with the count the sidebar shows', async () => {
    await collections().getByRole('link', { name: 'All albums' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Trip' }) });
    await card.getByText(/^2 photos · hand-picked$/).waitFor();
    await shot('albums-screen');
  });
});
