import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

/**
 * The user's words and the tag hierarchy, in the browser over `phototag serve` with the models: tag:animal finds
 * the dogs, cats and birds the models tagged; a rename to a word that is another tag's synonym ("puppy", a
 * synonym of dog) keeps the user's word; autocomplete says which synonym matched. Real COCO photos.
 */
describe.skipIf(!hasChromium)('tags: the user\'s words and the hierarchy', () => {
  const temp = makeTempDir('phototag-e2e-tags-');
  const photosDir = path.join(temp.dir, 'Family');
  const labels = readJson<Record<string, string[]>>(sharedData('coco', 'labels.json'));
  const names = Object.keys(labels).sort();
  const animals = ['dog', 'cat', 'bird', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe'];
  const with_ = (cls: string, n: number) => names.filter((f) => labels[f]?.includes(cls)).slice(0, n);
  const animalPhotos = [...new Set([...with_('dog', 3), ...with_('cat', 3), ...with_('bird', 2), ...with_('horse', 2)])];
  const others = names.filter((f) => !labels[f]?.some((l) => animals.includes(l))).slice(0, 6);
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('coco', 'images'), photosDir, [...animalPhotos, ...others]);
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'fast' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, animalPhotos.length + others.length);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(served.url);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  async function search(query: string): Promise<void> {
    const box = page.getByRole('combobox', { name: 'Search photos' });
    await box.fill(query);
    await page.locator('.result-count').click();
    await page.getByRole('listbox', { name: 'Tag suggestions' }).waitFor({ state: 'detached' });
  }
  const ids = async (query: string) => new Set((await served.api('photos.search', { query, limit: 200 })).results.map((r) => r.id));

  it('tag:animal finds every photo the models tagged with an animal, and no other', async () => {
    const union = new Set<number>();
    for (const a of animals) for (const id of await ids(`tag:${a}`)) union.add(id);
    expect(union.size).toBeGreaterThanOrEqual(4);
    const found = await ids('tag:animal');
    expect([...found].sort()).toEqual([...union].sort());
    // The people-only and object photos are not animals (person is not under animal in WordNet, nor here).
    const people = await ids('tag:person');
    for (const id of people) if (!union.has(id)) expect(found.has(id)).toBe(false);

    await page.getByRole('link', { name: 'Search' }).click();
    await search('tag:animal');
    await page.getByText(`${found.size} ${found.size === 1 ? 'photo matches' : 'photos match'}`, { exact: true }).waitFor();
    expect(await page.locator('[data-photo-id]').count()).toBe(found.size);
    await shot('tags-animal');
  });

  it('says which synonym an autocomplete suggestion matched', async () => {
    const box = page.getByRole('combobox', { name: 'Search photos' });
    await box.fill('');
    await box.pressSequentially('tag:pup');
    const option = page.getByRole('listbox', { name: 'Tag suggestions' }).getByRole('option').filter({ hasText: 'dog' });
    await option.waitFor();
    expect(await option.textContent()).toMatch(/dog\s*matches puppy/);
    await shot('tags-autocomplete-synonym');
    await box.press('Escape');
  });

  it('renaming a tag to "puppy" keeps "puppy", and neither confirms nor adds "dog"', async () => {
    const target = [...(await ids('-tag:animal'))][0];
    if (target === undefined) throw new Error('no photo without an animal');
    await served.api('tags.add', { photoIds: [target], tag: 'golden retriever' });
    await page.goto(`${served.url}#/photo/${target}`);
    await page.locator('[data-tag="golden retriever"]').waitFor();
    await page.getByRole('button', { name: 'Rename golden retriever' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tag name').fill('puppy');
    await dialog.getByLabel('Tag name').press('Enter');
    await page.locator('[data-tag="puppy"]', { hasText: 'you' }).waitFor();
    await page.getByText('Renamed “golden retriever” to “puppy” on 1 photo').waitFor();
    expect(await page.locator('[data-tag="dog"]').count()).toBe(0);
    expect(await page.locator('[data-tag="golden retriever"]').count()).toBe(0);
    await page.reload();
    await page.locator('[data-tag="puppy"]', { hasText: 'you' }).waitFor();
    expect(await page.locator('[data-tag="dog"]').count()).toBe(0);
    await shot('tags-rename-keeps-word');
    // The synonym still widens search: tag:puppy finds the user's puppy and the models' dogs.
    const puppies = await ids('tag:puppy');
    expect(puppies.has(target)).toBe(true);
    for (const id of await ids('tag:dog')) expect(puppies.has(id)).toBe(true);
  });
});
