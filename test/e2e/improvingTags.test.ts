import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * 'Fast then accurate' as a user meets it: `phototag serve` indexes real COCO photos with 'fast', then the accurate
 * models re-tag them in the background, and the Library screen says how many are left until none are.
 */
describe.skipIf(!hasChromium)('improving tags in the background, in a browser', () => {
  const temp = makeTempDir('phototag-e2e-improve-');
  const photosDir = path.join(temp.dir, 'photos');
  const files = fs.readdirSync(sharedData('coco', 'images')).filter((f) => f.endsWith('.jpg')).sort().slice(0, 16);
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('coco', 'images'), photosDir, files);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'fast-then-accurate' });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    const code = await served?.stop();
    temp.cleanup();
    expect(code).toBe(0);
  });

  it('shows "Improving tags: N left" on the Library screen while the accurate models work, then takes it away', async () => {
    await served.api('folders.add', { path: photosDir });
    const indexed = await waitForIndexing(served, files.length);
    // Every photo is searchable with the fast tags before the accurate ones are done.
    expect(indexed.photos.indexed).toBe(files.length);
    await page.goto(served.url);
    await page.goto(`${served.origin}/#/library`);
    const line = page.locator('[data-stat="improving"]');
    await line.waitFor({ timeout: 120_000 });
    const shown = Number((/Improving tags: ([\d,]+) left/.exec((await line.textContent()) ?? '')?.[1] ?? '').replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(files.length);
    await page.screenshot({ path: path.join(screenshotsDir, 'improving-tags.png') });

    // The count goes down as photos get the better tags, and the line goes once none are left.
    await line.waitFor({ state: 'detached', timeout: 300_000 });
    const status = await served.api('library.status', {});
    expect(status.indexer.improving).toMatchObject({ remaining: 0 });
    expect(status.indexer.improving?.improved).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshotsDir, 'improving-tags-done.png') });
  }, 480_000);
});
