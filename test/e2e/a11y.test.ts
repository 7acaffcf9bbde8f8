import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { photoWithSign } from '../helpers/signPhotos.js';
import { copyPhotos, makeTempDir } from '../helpers/tempDirs.js';
import { hasChromium, launchBrowser, screenshotsDir, type Browser } from './browser.js';
import { startServe, waitForIndexing, type ServedLibrary } from './serveProcess.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const resultsFile = path.resolve(screenshotsDir, '..', 'a11y.json');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Every screen, in both themes, checked by axe-core (WCAG 2.1 A and AA rules) inside the real Chromium page that
 * `phototag serve` serves, with real photos tagged by the models. The counts go to test-results/a11y.json.
 */
describe.skipIf(!hasChromium)('accessibility of every screen (axe-core)', () => {
  const temp = makeTempDir('phototag-e2e-a11y-');
  const photosDir = path.join(temp.dir, 'Photos');
  const labels = readJson<Record<string, string[]>>(sharedData('coco', 'labels.json'));
  const names = Object.keys(labels).sort();
  const picked = [...names.filter((n) => labels[n]?.includes('dog')).slice(0, 4), ...names.filter((n) => !labels[n]?.includes('dog')).slice(0, 6)];
  let served: ServedLibrary;
  let browser: Browser;
  let page: Page;
  /** A photo with a sign on it, read by the text pass: its "Text in this photo" panel is checked too. */
  let signId = 0;

  beforeAll(async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    copyPhotos(sharedData('coco', 'images'), photosDir, picked);
    // A copy of one photo in another folder, and the sign photo below (one of the picked photos with a sign drawn on
    // it, a near-duplicate), so the Duplicates screen has two groups to check.
    copyPhotos(sharedData('coco', 'images'), path.join(photosDir, 'Backup'), picked.slice(-1));
    await photoWithSign('000000000009.jpg', 'BAKERY OPEN', 64, path.join(photosDir, 'bakery-sign.jpg'));
    served = await startServe({ dataDir: path.join(temp.dir, 'data'), models: 'fast' });
    await served.api('folders.add', { path: photosDir });
    await waitForIndexing(served, picked.length + 2);
    for (let tries = 0; (await served.api('text.settings', {})).remaining > 0 && tries < 1200; tries++) await new Promise((r) => setTimeout(r, 100));
    signId = (await served.api('photos.search', { query: 'text:bakery', limit: 1 })).results[0]?.id ?? 0;
    expect(signId).toBeGreaterThan(0);
    // Marked photos and albums, so their hearts, stars, sidebar counts and the Albums screen are checked too.
    const ids = (await served.api('photos.search', { query: '', limit: 4 })).results.map((r) => r.id);
    await served.api('photos.setFavorite', { photoIds: ids.slice(0, 2), favorite: true });
    await served.api('photos.setRating', { photoIds: ids.slice(1, 3), rating: 4 });
    await served.api('albums.create', { name: 'Summer', photoIds: ids.slice(0, 3) });
    await served.api('albums.create', { name: 'Dogs, rated', query: 'tag:dog rating:1+' });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(served.url);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    temp.cleanup();
  });

  /** Runs axe in the page (evaluated over the DevTools protocol: the app's CSP allows no injected script tags). */
  async function check(): Promise<AxeViolation[]> {
    if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) await page.evaluate(axeSource);
    const result = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
    )) as AxeViolation[];
    return result;
  }

  /** Each screen: how to get there, and what says it is there (its photos loaded). */
  const screens: { name: string; open(): Promise<void>; close?(): Promise<void> }[] = [
    {
      name: 'photos',
      open: async () => {
        await page.getByRole('link', { name: 'Photos' }).click();
        await page.locator('[data-photo-id] img').first().waitFor();
      },
    },
    {
      name: 'search',
      open: async () => {
        await page.getByRole('link', { name: 'Search' }).click();
        await page.getByRole('combobox', { name: 'Search photos' }).fill('tag:dog');
        // A narrow window has the facets in a drawer: open it, so they are checked too.
        const refine = page.getByRole('button', { name: 'Refine' });
        if ((await refine.isVisible()) && (await refine.getAttribute('aria-expanded')) === 'false') await refine.click();
        await page.locator('.facets .facet').first().waitFor();
        await page.locator('[data-photo-id] img').first().waitFor();
      },
    },
    {
      name: 'photo',
      open: async () => {
        const drawer = page.getByRole('complementary', { name: 'Refine' });
        if (await drawer.getByRole('button', { name: 'Close' }).isVisible()) await drawer.getByRole('button', { name: 'Close' }).click();
        await page.locator('[data-photo-id]').first().click();
        await page.locator('.caption').waitFor();
      },
    },
    {
      name: 'photo-zoomed',
      open: async () => {
        await page.keyboard.press('+');
        await page.keyboard.press('+');
        await page.locator('.viewer-frame.zoomed').waitFor();
      },
    },
    {
      name: 'shortcuts',
      open: async () => {
        await page.keyboard.press('?');
        await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      },
      close: async () => {
        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
      },
    },
    {
      name: 'review',
      open: async () => {
        await page.getByRole('link', { name: 'Review' }).click();
        await page.locator('[data-review-tag]').or(page.getByText('Nothing to review')).first().waitFor();
      },
    },
    {
      name: 'tags',
      open: async () => {
        await page.getByRole('link', { name: 'Tags' }).click();
        await page.getByRole('list', { name: 'Tag cloud' }).waitFor();
      },
    },
    {
      name: 'learning',
      open: async () => {
        await page.getByRole('link', { name: 'Learning' }).click();
        await page.getByText('Nothing taught yet').waitFor();
        // Plurals in words, not "correction(s)".
        await page.getByText(/\d+ corrections? since the last run; it retrains by itself after \d+ corrections?\.$/).waitFor();
      },
    },
    {
      name: 'learning-teach',
      open: async () => {
        await page.getByRole('button', { name: 'Teach a tag' }).click();
        await page.getByLabel('Name the tag').fill('pets');
        await page.getByRole('button', { name: 'Next: pick examples' }).click();
        const grid = page.getByRole('list', { name: 'Photos to pick examples from' });
        await grid.locator('img').first().waitFor();
        await grid.getByRole('listitem').first().getByTitle('Shows the tag').click();
        // ✓ and ✗ sit on the photo: white on a near-opaque chip, never grey on the picture (axe cannot judge text on images).
        const button = grid.getByRole('listitem').nth(1).getByTitle('Shows the tag');
        // The e2e tsconfig has no DOM types: the page's getComputedStyle, typed here for what is read.
        type Styles = { getComputedStyle(element: unknown): { color: string; backgroundColor: string } };
        const [color, background] = await button.evaluate((b) => {
          const style = (globalThis as unknown as Styles).getComputedStyle(b);
          return [style.color, style.backgroundColor];
        });
        expect(color).toBe('rgb(255, 255, 255)');
        const alpha = /^rgba\(.*,\s*([\d.]+)\)$/.exec(background)?.[1];
        expect(alpha === undefined ? 1 : Number(alpha)).toBeGreaterThanOrEqual(0.75);
      },
    },
    {
      name: 'learning-teach-preview',
      open: async () => {
        // Continues the teaching above: a second example, then the preview of what the tag would tag.
        const grid = page.getByRole('list', { name: 'Photos to pick examples from' });
        await grid.getByRole('listitem').nth(1).getByTitle('Shows the tag').click();
        await page.getByRole('button', { name: 'Preview "pets" from 2 photos' }).click();
        await page.getByRole('button', { name: 'Teach "pets" and tag them' }).waitFor({ timeout: 120_000 });
      },
    },
    {
      name: 'tags-tree',
      open: async () => {
        await page.getByRole('link', { name: 'Tags' }).click();
        await page.getByRole('button', { name: 'Tree' }).click();
        await page.getByRole('list', { name: 'Tag tree' }).waitFor();
      },
    },
    {
      name: 'library',
      open: async () => {
        await page.getByRole('link', { name: 'Library' }).click();
        await page.getByRole('heading', { name: 'Up to date' }).waitFor();
      },
    },
    {
      name: 'folder-browser',
      open: async () => {
        await page.getByRole('button', { name: 'Browse…' }).click();
        // Listed once the Add button names the folder (whatever the machine's home holds).
        await page.getByRole('dialog', { name: 'Choose a folder' }).getByRole('button', { name: /^Add “/ }).waitFor();
      },
      close: async () => {
        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Choose a folder' }).waitFor({ state: 'detached' });
      },
    },
    {
      name: 'map',
      open: async () => {
        await page.getByRole('link', { name: 'Map' }).click();
        await page.getByText(/with a location/).waitFor();
      },
    },
    {
      // The Map with "Show estimated places" on: the toggle and the legend of dots and dashed rings.
      name: 'map-estimates',
      open: async () => {
        await page.getByRole('checkbox', { name: 'Show estimated places' }).check();
        await page.getByRole('list', { name: 'Legend' }).waitFor();
        await page.getByText(/with an estimated place/).waitFor();
      },
      close: async () => {
        await page.getByRole('checkbox', { name: 'Show estimated places' }).uncheck();
      },
    },
    {
      name: 'duplicates',
      open: async () => {
        await page.getByRole('link', { name: 'Duplicates' }).click();
        await page.getByText('2 groups · 2 extra copies').waitFor();
        await page.locator('.duplicate-thumb img').first().waitFor();
      },
    },
    {
      name: 'albums',
      open: async () => {
        await page.getByRole('link', { name: 'All albums' }).click();
        await page.getByRole('heading', { name: 'Summer' }).waitFor();
        await page.locator('.album-cover img').first().waitFor();
      },
    },
    {
      name: 'add-to-album',
      open: async () => {
        await page.getByRole('link', { name: /^Summer/ }).click();
        await page.locator('[data-photo-id] img').first().waitFor();
        await page.locator('[data-photo-id]').first().getByRole('button', { name: /^Select / }).click();
        await page.getByRole('button', { name: 'Add to album' }).click();
        await page.getByRole('dialog', { name: 'Add 1 photo to an album' }).waitFor();
      },
    },
    {
      name: 'about',
      open: async () => {
        // The dialog of the screen before, if open.
        if (await page.getByRole('dialog').isVisible()) await page.keyboard.press('Escape');
        if (await page.getByText(/selected$/).isVisible()) await page.keyboard.press('Escape');
        await page.getByRole('link', { name: 'About' }).click();
        await page.getByRole('heading', { name: 'About Phototag' }).waitFor();
      },
    },
    {
      name: 'photo-text',
      open: async () => {
        await page.evaluate(`location.hash = '#/photo/${signId}?q=text%3Abakery'`);
        await page.locator('.photo-text mark').first().waitFor();
      },
      close: async () => {
        await page.keyboard.press('Escape');
      },
    },
  ];

  it('has no serious or critical violations on any screen, light or dark', async () => {
    const findings: { screen: string; theme: string; violation: AxeViolation }[] = [];
    let checked = 0;
    // The sizes the app was walked at: a laptop screen and a narrow window.
    const sizes = [
      { width: 1440, height: 900 },
      { width: 900, height: 700 },
    ];
    const passes = sizes.flatMap((size) => (['light', 'dark'] as const).map((theme) => ({ size, theme })));
    for (const { size, theme } of passes) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      for (const screen of screens) {
        await screen.open();
        // Pictures decoded and transitions over, so contrast is judged on what the user sees.
        await page.evaluate(`Promise.all([...document.images].map((i) => (i.complete ? null : i.decode().catch(() => null)))).then(() => new Promise((r) => setTimeout(r, 250)))`);
        for (const violation of await check()) findings.push({ screen: `${screen.name} ${size.width}×${size.height}`, theme, violation });
        await page.screenshot({ path: path.join(screenshotsDir, `a11y-${screen.name}-${theme}-${size.width}.png`) });
        await screen.close?.();
        checked++;
      }
    }
    const nodes = (impact: AxeViolation['impact']) => findings.filter((f) => f.violation.impact === impact).reduce((n, f) => n + f.violation.nodes.length, 0);
    const summary = { screens: checked, serious: nodes('serious'), critical: nodes('critical') };
    fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2) + '\n');
    const report = findings.map((f) => `  ${f.theme} ${f.screen}: [${f.violation.impact}] ${f.violation.id} (${f.violation.help}) × ${f.violation.nodes.length}: ${f.violation.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join(' | ')}`);
    console.log(`e2e: axe-core on ${checked} screens (${screens.length} × light, dark × 1440×900, 900×700): ${summary.serious} serious, ${summary.critical} critical${report.length ? `\n${report.join('\n')}` : ''}`);
    expect(checked).toBe(screens.length * 2 * sizes.length);
    expect(summary).toEqual({ screens: checked, serious: 0, critical: 0 });
  });
});
