import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoWithSign } from '../helpers/signPhotos.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * Words read in a photo by the real reader (tesseract, in `phototag serve`'s background pass), found by a `text:`
 * search and framed where they are on the picture, in Chromium.
 */
describe.skipIf(!hasChromium)('text in photos, framed on the picture', () => {
  const temp = makeTempDir('phototag-e2e-text-');
  const photos = path.join(temp.dir, 'photos');
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    fs.mkdirSync(photos, { recursive: true });
    // A 1024 × 768 photo with "BAKERY OPEN" on a plate at its top left (x 40–~500 px, y 60–~162 px).
    await photoWithSign('000000000009.jpg', 'BAKERY OPEN', 64, path.join(photos, 'bakery.jpg'));
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'off' });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  it('frames the word a text: search found on the sign, and nothing without such a search', async () => {
    await served.api('folders.add', { path: photos });
    await waitForIndexing(served, 1);
    const started = Date.now();
    while ((await served.api('text.settings', {})).remaining > 0) {
      if (Date.now() - started > 120_000) throw new Error(`the text pass did not finish. Server log:\n${served.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const [found] = (await served.api('photos.search', { query: 'text:bakery', limit: 10 })).results;
    expect(found).toBeDefined();

    await page.goto(`${served.url}#/photo/${found?.id}?q=${encodeURIComponent('text:bakery')}`);
    await page.locator('.viewer-canvas img[data-full="yes"]').waitFor();
    const frame = page.locator('.text-word-box');
    await frame.waitFor();
    expect(await frame.count()).toBe(1);
    expect(await frame.getAttribute('data-word')).toBe('BAKERY');
    const image = await page.locator('.viewer-canvas img').boundingBox();
    const word = await frame.boundingBox();
    if (!image || !word) throw new Error('no layout');
    // Where the sign was drawn, in the picture's own pixels (1024 wide), give or take the frame's padding.
    const scale = image.width / 1024;
    const left = (word.x - image.x) / scale;
    const top = (word.y - image.y) / scale;
    expect(left).toBeGreaterThan(30);
    expect(left).toBeLessThan(110);
    expect(top).toBeGreaterThan(50);
    expect(top).toBeLessThan(140);
    expect(word.width / scale).toBeGreaterThan(150);
    expect(word.width / scale).toBeLessThan(330);
    await page.screenshot({ path: path.join(screenshotsDir, 'text-word-framed.png') });

    await page.goto(`${served.url}#/photo/${found?.id}`);
    await page.locator('.viewer-canvas img[data-full="yes"]').waitFor();
    await page.getByRole('region', { name: 'Text in this photo' }).waitFor();
    expect(await page.locator('.text-word-box').count()).toBe(0);
  }, 240_000);
});
