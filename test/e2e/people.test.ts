import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { chromiumPath, hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

if (!hasChromium) console.warn(`e2e: skipped, no Chromium at ${chromiumPath} (install Debian's chromium package to run the browser tests).`);

// Faces `dev`: two people, three photos each.
const first = ['img1.jpg', 'img2.jpg', 'img4.jpg'];
const second = ['img29.jpg', 'img30.jpg', 'img31.jpg'];

/** People as a user meets them: `phototag serve` with the models on real faces, Chromium on the built UI. */
describe.skipIf(!hasChromium)('people in a browser', () => {
  const temp = makeTempDir('phototag-e2e-people-');
  const photosDir = path.join(temp.dir, 'Faces');
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('faces', 'images'), photosDir, [...first, ...second]);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'fast' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, 6);
    const status = await served.api('library.status', {});
    if (status.indexer.models === null) throw new Error(`the models did not start, so there are no faces. Server said:\n${served.log()}`);
    // The indexer regroups after its pass by itself; this makes the groups settled before the page looks.
    await served.api('people.regroup', {});
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    const code = await served?.stop();
    temp.cleanup();
    expect(code).toBe(0);
  });

  it('opens People, names a group, and finds the person by name in search', async () => {
    await page.goto(served.url);
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByText('2 people · named first, then the most seen').waitFor();
    const tiles = page.getByRole('list', { name: 'People' }).getByRole('listitem');
    expect(await tiles.count()).toBe(2);
    // The faces are cut from the thumbnails and shown once loaded.
    // Polled through page.evaluate: a string predicate would need eval, which the page's CSP forbids.
    await expect
      .poll(() => page.evaluate("[...document.querySelectorAll('.person-face img')].filter((img) => img.complete && img.naturalWidth > 0 && img.style.opacity === '1').length"), { timeout: 30_000 })
      .toBe(2);
    await shot('people');

    await tiles.first().getByRole('button', { name: 'Unnamed: rename' }).click();
    const name = tiles.first().getByRole('textbox', { name: 'Name' });
    await name.fill('Alice Smith');
    await name.press('Enter');
    await tiles.first().getByRole('button', { name: 'Alice Smith: rename' }).waitFor();
    await shot('people-named');

    await page.getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('combobox', { name: 'Search photos' });
    await box.fill('person:"Alice Smith"');
    await page.locator('.result-count').click();
    await page.getByText('3 photos match', { exact: true }).waitFor();
    expect(await page.locator('[data-photo-id]').count()).toBe(3);
    await shot('people-search');
  });

  it('draws the faces on the photo with their names, and opens a face to name it', async () => {
    await page.locator('[data-photo-id]').first().dblclick();
    const face = page.getByRole('button', { name: 'Face: Alice Smith' });
    await face.waitFor();
    // The frame lies on the image, where the face is.
    const [frame, image] = await Promise.all([face.boundingBox(), page.locator('.stage-image img').boundingBox()]);
    expect(frame && image && frame.x >= image.x && frame.y >= image.y && frame.x + frame.width <= image.x + image.width + 1).toBe(true);
    expect(frame?.width).toBeGreaterThan(20);
    await face.click();
    await page.getByLabel('Who is this?').waitFor();
    await page.getByRole('button', { name: 'Not Alice Smith' }).waitFor();
    await shot('photo-faces');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot('photo-faces-light');
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Alice Smith: rename' }).waitFor();
    await shot('people-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('names the other person, moves one wrong face out to its own name, undoes and redoes it, and after a reload and a regrouping all is kept', async () => {
    await page.goto(served.url);
    await page.getByRole('link', { name: 'People' }).click();
    const tiles = page.getByRole('list', { name: 'People' }).getByRole('listitem');
    await page.getByText('2 people · named first, then the most seen').waitFor();
    await page.getByRole('button', { name: 'Alice Smith: rename' }).waitFor();
    await page.waitForLoadState('networkidle');
    await tiles.nth(1).getByRole('button', { name: 'Unnamed: rename' }).click();
    // With names to suggest, the field is a combobox.
    const name = tiles.nth(1).getByRole('combobox', { name: 'Name' });
    await name.fill('Bob');
    await name.press('Enter');
    await tiles.nth(1).getByRole('button', { name: 'Bob: rename' }).waitFor();

    // One of Bob's photos: this face is someone else, Carol.
    const bobPhoto = (await served.api('people.list', {})).find((p) => p.name === 'Bob')?.examplePhotoId as number;
    await page.goto(`${served.url}#/photo/${bobPhoto}`);
    await page.getByRole('button', { name: 'Face: Bob' }).click();
    const thisIs = page.getByLabel('This is…');
    await thisIs.fill('Carol');
    await page.getByRole('button', { name: 'Move this face' }).click();
    await page.getByRole('button', { name: 'Face: Carol' }).waitFor();
    await page.getByText(/This face is now “Carol”; Phototag will not put it back in “Bob”/).waitFor();
    await shot('people-face-moved');
    // Undo, from the notice, puts it back; the move is made again.
    await page.getByRole('button', { name: 'Undo' }).last().click();
    await page.getByRole('button', { name: 'Face: Bob' }).waitFor();
    await page.getByRole('button', { name: 'Face: Bob' }).click();
    await page.getByLabel('This is…').fill('Carol');
    await page.getByRole('button', { name: 'Move this face' }).click();
    await page.getByRole('button', { name: 'Face: Carol' }).waitFor();

    // A reload and a regrouping later, every decision stands.
    await served.api('people.regroup', {});
    await page.reload();
    await page.getByRole('button', { name: 'Face: Carol' }).waitFor();
    await shot('people-face-moved-reloaded');
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByText('3 people · named first, then the most seen').waitFor();
    expect(await tiles.allTextContents()).toEqual([expect.stringMatching(/Alice Smith.*Seen 3 times/), expect.stringMatching(/Bob.*Seen twice/), expect.stringMatching(/Carol.*Seen once/)]);
    await shot('people-after-move');
    expect((await served.api('people.list', {})).map((p) => [p.name, p.faces])).toEqual([['Alice Smith', 3], ['Bob', 2], ['Carol', 1]]);
  });
});

