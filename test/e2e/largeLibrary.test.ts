import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { populateSyntheticLibrary } from '../bench/syntheticLibrary.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, type ServedLibrary } from './serveProcess.js';

const PHOTOS = 10_000;

/**
 * The UI on a 10,000-photo library (synthetic rows written through the repositories, as the pipeline writes
 * them): the gallery's DOM stays the same size wherever it is scrolled, and the time from the last keystroke to
 * the first results on screen is measured and printed (not asserted: the machine is shared).
 */
describe.skipIf(!hasChromium)('a 10,000-photo library in the browser', () => {
  const temp = makeTempDir('phototag-e2e-large-');
  const dataDir = path.join(temp.dir, 'data');
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
    try {
      const info = populateSyntheticLibrary(db, { photos: PHOTOS, seed: 5 });
      console.log(`e2e: built a ${PHOTOS.toLocaleString()}-photo synthetic library in ${info.buildSeconds.toFixed(1)} s`);
    } finally {
      db.close();
    }
    served = await startServe({ dataDir, models: 'off' });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  /**
   * Once the rows for the scroll position are drawn with their photos (no placeholder tiles, for two frames in a
   * row), counts what the DOM holds. page.waitForFunction would compile its predicate with eval, which the app's
   * CSP forbids, so the wait runs inside one evaluate.
   */
  const domCountsWhenSettled = async () =>
    (await page.evaluate(`new Promise((resolve) => {
        let calm = 0;
        const check = () => {
          const ready = document.querySelectorAll('.tile.placeholder').length === 0 && document.querySelectorAll('[data-photo-id]').length > 0;
          calm = ready ? calm + 1 : 0;
          if (calm < 2) return requestAnimationFrame(check);
          resolve({ nodes: document.getElementsByTagName('*').length, cells: document.querySelectorAll('[role="gridcell"]').length,
            headers: document.querySelectorAll('.thumb-header').length,
            lastRow: Math.max(0, ...[...document.querySelectorAll('[role="row"]')].map((r) => Number(r.getAttribute('aria-rowindex')))) });
        };
        check();
      })`)) as { nodes: number; cells: number; headers: number; lastRow: number };

  it('keeps the gallery DOM bounded while scrolling through every photo', async () => {
    await page.goto(served.url);
    const total = (await served.api('photos.search', { query: '', limit: 1 })).total;
    await page.getByText(`${total.toLocaleString('en-US')} photos · newest first`).waitFor();
    await page.locator('[data-photo-id]').first().waitFor();
    const grid = page.getByRole('grid', { name: 'All photos' });
    const rows = Number(await grid.getAttribute('aria-rowcount'));
    const columns = Number(await grid.getAttribute('aria-colcount'));
    expect(rows * columns).toBeGreaterThanOrEqual(total);

    // The timeline's headers are rows of the grid too: wait for them before measuring.
    await page.locator('.thumb-header.month').first().waitFor();
    const samples: { at: string; nodes: number; cells: number; headers: number; lastRow: number }[] = [];
    for (const fraction of [0, 0.1, 0.35, 0.6, 0.85, 1]) {
      await page.evaluate(`(() => { const g = document.querySelector('.thumb-grid'); g.scrollTop = (g.scrollHeight - g.clientHeight) * ${fraction}; })()`);
      samples.push({ at: `${Math.round(fraction * 100)}%`, ...(await domCountsWhenSettled()) });
    }
    console.log(`e2e: gallery of ${total.toLocaleString()} photos (${rows.toLocaleString()} rows × ${columns}), DOM while scrolling:\n` + samples.map((s) => `  at ${s.at.padStart(4)}: ${s.nodes} elements, ${s.cells} tiles, ${s.headers} headers`).join('\n'));
    await page.screenshot({ path: path.join(screenshotsDir, 'gallery-10k.png') });

    // Reached the very last row, with only a screenful (plus overscan) of tiles in the DOM at any point.
    expect(samples[samples.length - 1]?.lastRow).toBe(rows);
    for (const sample of samples) {
      expect(sample.cells).toBeLessThanOrEqual(columns * 16);
      // A screenful of day headers (34 px each) and the overscan rows' at most.
      expect(sample.headers).toBeLessThanOrEqual(40);
      expect(sample.nodes).toBeLessThan(2_500);
    }
    const nodes = samples.map((s) => s.nodes);
    expect(Math.max(...nodes) - Math.min(...nodes)).toBeLessThan(columns * 16 * 4);
  });

  it('jumps through the timeline from its scrubber: keys, a click, a drag', async () => {
    const counts = await served.api('photos.timeline', { query: '' });
    const scrubber = page.getByRole('slider', { name: 'Jump to a month' });
    await scrubber.waitFor();
    const topHeader = () => page.evaluate(`(() => {
        const g = document.querySelector('.thumb-grid').getBoundingClientRect();
        const seen = [...document.querySelectorAll('.thumb-header')].filter((h) => h.getBoundingClientRect().bottom > g.top + 1);
        seen.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        return seen[0]?.querySelector('h2, h3')?.textContent ?? null;
      })()`) as Promise<string | null>;
    await scrubber.focus();
    await page.keyboard.press('End');
    await expect.poll(topHeader).toBe('Undated');
    expect(await scrubber.getAttribute('aria-valuetext')).toBe('Undated');
    await page.screenshot({ path: path.join(screenshotsDir, 'timeline-undated.png') });
    await page.keyboard.press('Home');
    const newestMonth = (counts.days[0] as [string, number])[0].slice(0, 7);
    const monthLabel = (month: string) => new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1).toLocaleDateString('en-US', { month: 'long', year: 'numeric' });
    await expect.poll(topHeader).toBe(monthLabel(newestMonth));
    // Page Down: the first month of the year before.
    await page.keyboard.press('PageDown');
    const olderYear = String(Number(newestMonth.slice(0, 4)) - 1);
    await expect.poll(async () => (await scrubber.getAttribute('aria-valuetext')) ?? '').toContain(olderYear);
    // A click half-way down the track: a month in the middle years, its header at the top of the grid.
    const box = await scrubber.boundingBox();
    if (!box) throw new Error('the scrubber is not laid out');
    const beforeClick = await scrubber.getAttribute('aria-valuetext');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // The slider's value changes when React re-renders after the click, not synchronously with it.
    await expect.poll(() => scrubber.getAttribute('aria-valuetext')).not.toBe(beforeClick);
    const middle = await scrubber.getAttribute('aria-valuetext');
    expect(middle).not.toBe(monthLabel(newestMonth));
    await expect.poll(topHeader).toBe(middle);
    // A drag to the bottom ends at the undated group.
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 1, { steps: 5 });
    await page.mouse.up();
    await expect.poll(topHeader).toBe('Undated');
    await page.screenshot({ path: path.join(screenshotsDir, 'timeline-scrubber.png') });
    await page.keyboard.press('Home');
    await expect.poll(topHeader).toBe(monthLabel(newestMonth));
  });

  it('returns to the same place in the gallery, the same photo focused, on Back from a photo', async () => {
    await page.evaluate(`(() => { const g = document.querySelector('.thumb-grid'); g.scrollTop = (g.scrollHeight - g.clientHeight) * 0.35; })()`);
    await domCountsWhenSettled();
    const before = (await page.evaluate(`document.querySelector('.thumb-grid').scrollTop`)) as number;
    // A photo in the middle of the screen (the DOM also holds overscan rows out of sight).
    const id = (await page.evaluate(`(() => {
      const g = document.querySelector('.thumb-grid').getBoundingClientRect();
      const seen = [...document.querySelectorAll('[data-photo-id]')].filter((t) => { const r = t.getBoundingClientRect(); return r.top >= g.top && r.bottom <= g.bottom; });
      return seen[Math.floor(seen.length / 2)].getAttribute('data-photo-id');
    })()`)) as string;
    const tile = page.locator(`[data-photo-id="${id}"]`);
    await tile.click();
    await page.waitForURL(new RegExp(`#/photo/${id}`));
    await page.getByRole('button', { name: /Back/ }).click();
    await page.getByRole('grid', { name: 'All photos' }).waitFor();
    await domCountsWhenSettled();
    const after = (await page.evaluate(`document.querySelector('.thumb-grid').scrollTop`)) as number;
    expect(before).toBeGreaterThan(10_000);
    expect(Math.abs(after - before)).toBeLessThan(2);
    const focused = page.locator('.tile.focused');
    expect(await focused.getAttribute('data-photo-id')).toBe(id);
    expect(await page.evaluate(`document.activeElement?.classList.contains('thumb-grid')`)).toBe(true);
    await page.screenshot({ path: path.join(screenshotsDir, 'gallery-back-same-place.png') });
  });

  it('measures how soon the first results show once typing stops', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('combobox', { name: 'Search photos' });
    await box.waitFor();
    await page.evaluate(`(() => { window.__lastInput = 0; document.querySelector('input[type="search"]').addEventListener('input', () => { window.__lastInput = performance.now(); }); })()`);
    const figures: string[] = [];
    for (const query of ['tag:dog', 'tag:person year:2019', 'beach', 'camera:canon -tag:person', 'has:gps after:2020-06-01']) {
      const expected = await served.api('photos.search', { query, limit: 1 });
      const first = expected.results[0];
      if (!first) throw new Error(`the synthetic library has no match for ${query}`);
      await box.fill('');
      await box.pressSequentially(query, { delay: 40 });
      const line = `${expected.total.toLocaleString('en-US')} ${expected.total === 1 ? 'photo matches' : 'photos match'}`;
      const ms = (await page.evaluate(`new Promise((resolve) => {
          const check = () => {
            const count = document.querySelector('.result-count')?.textContent;
            const tile = document.querySelector('[data-photo-id="${first.id}"]');
            if (count === ${JSON.stringify(line)} && tile) resolve(performance.now() - window.__lastInput);
            else requestAnimationFrame(check);
          };
          check();
        })`)) as number;
      figures.push(`  ${JSON.stringify(query).padEnd(30)} ${expected.total.toLocaleString('en-US').padStart(6)} matches: ${ms.toFixed(0)} ms`);
    }
    await page.screenshot({ path: path.join(screenshotsDir, 'search-10k.png') });
    // Includes the deliberate typing pause (120 ms, TYPING_PAUSE_MS) before a query is sent.
    console.log(`e2e: first search results visible after typing stops, ${PHOTOS.toLocaleString()} photos:\n${figures.join('\n')}`);
    expect(figures.length).toBe(5);
  });
});
