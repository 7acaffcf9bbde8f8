import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * Teaching a tag the models do not know, in the browser: name it, pick examples, see what it suggests, confirm
 * and reject, and read its page and training report. Scenes `dev` photos only (forest is the taught concept).
 */
describe.skipIf(!hasChromium)('teaching a tag in the browser', () => {
  const temp = makeTempDir('phototag-e2e-teach-');
  const photosDir = path.join(temp.dir, 'Walks');
  const labels = readJson<Record<string, string[]>>(sharedData('scenes', 'labels.json'));
  const dev = readJson<{ dev: string[] }>(sharedData('scenes', 'split.json')).dev.sort();
  const of = (cls: string, n: number) => dev.filter((f) => labels[f]?.[0] === cls).slice(0, n);
  const forest = of('forest', 10);
  const others = [...of('sea', 5), ...of('street', 5), ...of('buildings', 5)];
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
  const fileOf = (src: string | null) => decodeURIComponent(src ?? '');

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('scenes', 'images'), photosDir, [...forest, ...others]);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'fast' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, forest.length + others.length);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(served.url);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  it('teaches "greenwood" from five photos and suggests the other forest photos first', async () => {
    await page.getByRole('link', { name: 'Learning' }).click();
    await page.getByText('Nothing taught yet').waitFor();
    await page.getByRole('button', { name: 'Teach a tag' }).click();
    await page.getByLabel('Name the tag').fill('greenwood');
    await page.getByRole('button', { name: 'Next: pick examples' }).click();
    const grid = page.getByRole('list', { name: 'Photos to pick examples from' });
    await grid.locator('img').first().waitFor();
    const tiles = grid.getByRole('listitem');
    expect(await tiles.count()).toBe(forest.length + others.length);
    const examples = new Set(forest.slice(0, 5));
    let picked = 0;
    for (let i = 0; i < (await tiles.count()); i++) {
      const alt = await tiles.nth(i).locator('img').getAttribute('alt');
      if (alt && examples.has(alt)) {
        await tiles.nth(i).getByTitle('Shows the tag').click();
        picked++;
      }
    }
    expect(picked).toBe(5);
    // Before it goes live, the preview says how many photos it would tag, with a sample, and tags nothing yet.
    await page.getByRole('button', { name: 'Preview "greenwood" from 5 photos' }).click();
    const status = page.getByRole('status').filter({ hasText: 'would tag' });
    await status.waitFor({ timeout: 120_000 });
    const wouldTag = Number(/would tag ([\d,]+) photos?/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
    expect(wouldTag).toBeGreaterThanOrEqual(1);
    expect(wouldTag).toBeLessThanOrEqual(forest.length + others.length - 5);
    const sample = page.getByRole('list', { name: 'Photos greenwood would tag' });
    expect(await sample.locator('img').count()).toBe(Math.min(12, wouldTag));
    expect((await served.api('photos.search', { query: 'tag:greenwood', limit: 100 })).total).toBe(0);
    await shot('teach-preview');
    await page.getByRole('button', { name: 'Teach "greenwood" and tag them' }).click();
    const suggestions = page.getByRole('list', { name: 'Suggestions for greenwood' });
    await suggestions.locator('img').first().waitFor({ timeout: 120_000 });
    const suggested = await suggestions.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')));
    // The five forest photos not given as examples should lead the list.
    const rest = new Set(forest.slice(5));
    const top = suggested.slice(0, 5).filter((f) => f && rest.has(fileOf(f))).length;
    expect(top).toBeGreaterThanOrEqual(4);
    // The percentage and ✓/✗ on each suggestion are white on a solid chip, not grey on the photo.
    type Styles = { getComputedStyle(element: unknown): { color: string; backgroundColor: string } };
    for (const element of [suggestions.locator('.tile-note').first(), suggestions.getByTitle('Does not show the tag').first()]) {
      const [color, background] = await element.evaluate((e) => {
        const style = (globalThis as unknown as Styles).getComputedStyle(e);
        return [style.color, style.backgroundColor];
      });
      expect(color).toBe('rgb(255, 255, 255)');
      expect(Number(/^rgba\(.*,\s*([\d.]+)\)$/.exec(background)?.[1] ?? 1)).toBeGreaterThanOrEqual(0.75);
    }
    await shot('teach-suggestions');
  });

  it('refines the tag from confirmed and rejected suggestions, and shows its page and training curves', async () => {
    const suggestions = page.getByRole('list', { name: 'Suggestions for greenwood' });
    const tiles = suggestions.getByRole('listitem');
    const n = await tiles.count();
    let answers = 0;
    const rejected: string[] = [];
    for (let i = 0; i < n && answers < 6; i++) {
      const alt = fileOf(await tiles.nth(i).locator('img').getAttribute('alt'));
      if (!forest.includes(alt)) rejected.push(alt);
      await tiles.nth(i).getByTitle(forest.includes(alt) ? 'Shows the tag' : 'Does not show the tag').click();
      answers++;
    }
    await page.getByRole('button', { name: `Teach again with ${answers} answers` }).click();
    await page.getByRole('button', { name: `Teach again with 0 answers` }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: "Open the tag's page" }).click();
    await page.getByRole('heading', { name: 'greenwood', level: 1 }).waitFor();
    await page.getByText(/Your tag · \d+ examples? · \d+ rejected/).waitFor();
    // No internal names or broken plurals on the tag's page.
    const words = (await page.locator('main').textContent()) ?? '';
    expect(words).not.toMatch(/\bhead v\d|\bswapped\b|held-out F1|\b1 examples\b|\bv\d+\b/);
    await page.getByText(/Version \d+/).first().waitFor();
    await page.locator('svg').filter({ has: page.locator('polyline, path') }).first().waitFor();
    await shot('teach-tag-page');
    // The API agrees with the page: the taught tag is searchable on photos.
    const found = (await served.api('photos.search', { query: 'tag:greenwood', limit: 100 })).results.map((r) => path.basename(r.path));
    expect(found.filter((f) => forest.includes(f)).length).toBeGreaterThanOrEqual(8);
    // What the user rejected stays off the tag, whatever the retrained head thinks.
    for (const f of rejected) expect(found).not.toContain(f);
  });
});
