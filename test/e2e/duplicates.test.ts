import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir, sha256File } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * Duplicates as a user meets them: `phototag serve` on real photos with copies (an exact copy in a backup folder and
 * a half-size PNG export), Chromium on the built UI: keep one copy, see the others leave the photos, undo.
 */
describe.skipIf(!hasChromium)('duplicates in a browser', () => {
  const temp = makeTempDir('phototag-e2e-duplicates-');
  const photosDir = path.join(temp.dir, 'Photos');
  const original = path.join(photosDir, '000000000036.jpg');
  const exact = path.join(photosDir, 'Backup', '000000000036.jpg');
  const half = path.join(photosDir, 'Exported', 'umbrella-half.png');
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const coco = sharedData('coco', 'images');
    copyPhotos(coco, photosDir, ['000000000036.jpg', '000000000042.jpg', '000000000049.jpg']);
    copyPhotos(coco, path.dirname(exact), ['000000000036.jpg']);
    fs.mkdirSync(path.dirname(half), { recursive: true });
    const meta = await sharp(original).metadata();
    await sharp(original).resize(Math.round((meta.width as number) / 2)).png().toFile(half);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'off' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, 5);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    const code = await served?.stop();
    temp.cleanup();
    expect(code).toBe(0);
  });

  it('opens Duplicates from the sidebar, keeps the best copy, and the others leave the photos until Undo', async () => {
    const bytes = [original, exact, half].map(sha256File);
    await page.goto(served.url);
    await page.getByRole('link', { name: 'Duplicates' }).click();
    await page.getByText('1 group · 2 extra copies').waitFor();
    const group = page.getByRole('listitem', { name: '3 copies of 000000000036.jpg' });
    await group.locator('img').first().waitFor();
    await expect.poll(() => page.evaluate("[...document.querySelectorAll('.duplicate-thumb img')].filter((img) => img.complete && img.naturalWidth > 0).length"), { timeout: 30_000 }).toBe(3);
    const copies = group.locator('.duplicate-copy');
    expect(await copies.count()).toBe(3);
    expect(await copies.first().textContent()).toContain('Best: largest');
    expect(await copies.nth(2).locator('.duplicate-name').getAttribute('title')).toBe(half);
    await shot('duplicates-group');

    await copies.first().getByRole('button', { name: 'Keep this one' }).click();
    await page.getByText('Kept 000000000036.jpg; 2 copies are hidden from your library (the files stay where they are)').waitFor();
    await page.getByRole('heading', { name: 'No duplicates' }).waitFor();
    await shot('duplicates-kept');
    expect((await served.api('photos.search', { query: '', limit: 10 })).total).toBe(3);
    expect((await served.api('photos.search', { query: 'is:hidden', limit: 10 })).total).toBe(2);
    expect([original, exact, half].map(sha256File)).toEqual(bytes);

    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await page.getByText('2 photos shown again').waitFor();
    await page.getByText('1 group · 2 extra copies').waitFor();
    expect((await served.api('photos.search', { query: '', limit: 10 })).total).toBe(5);

    // The gallery counts what is shown: 5 photos, and 3 once the copies are hidden again.
    await page.getByRole('link', { name: 'Photos' }).click();
    await page.getByText('5 photos · newest first').waitFor();
    await page.getByRole('link', { name: 'Duplicates' }).click();
    await page.getByRole('listitem', { name: '3 copies of 000000000036.jpg' }).locator('.duplicate-copy').first().getByRole('button', { name: 'Keep this one' }).click();
    await page.getByRole('heading', { name: 'No duplicates' }).waitFor();
    await page.getByRole('link', { name: 'Photos' }).click();
    await page.getByText('3 photos · newest first').waitFor();
    await shot('duplicates-photos-after-keep');
  });
});
