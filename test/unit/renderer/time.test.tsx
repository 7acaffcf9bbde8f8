import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { populateSyntheticLibrary } from '../../bench/syntheticLibrary.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, renderApp, type TestLibrary } from './harness.js';

/** A synthetic library (rows as the pipeline writes them, 4 % undated) behind a host whose clock the test sets. */
describe('capture time in the app', () => {
  const temp = makeTempDir('phototag-ui-time-');
  const dataDir = path.join(temp.dir, 'data');
  let library: TestLibrary;
  let now = Date.now();
  let day: { year: number; month: number; day: number };

  beforeAll(async () => {
    const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
    try {
      populateSyntheticLibrary(db, { photos: 600, seed: 7 });
      const takenAt = db.db.prepare(`SELECT taken_at FROM photos WHERE taken_at IS NOT NULL AND state = 'indexed' ORDER BY id LIMIT 1`).pluck().get() as string;
      day = { year: Number(takenAt.slice(0, 4)), month: Number(takenAt.slice(5, 7)), day: Number(takenAt.slice(8, 10)) };
    } finally {
      db.close();
    }
    const host = await LibraryHost.open({ dataDir, analyzer: null, watch: false, clock: { now: () => now } });
    library = libraryOverHost(host, dataDir);
  });
  afterAll(async () => {
    await library.close();
    temp.cleanup();
  });
  afterEach(() => cleanup());

  it('shows "on this day" over the gallery: earlier years\' photos of today\'s date, opening within that day', async () => {
    now = new Date(day.year + 3, day.month - 1, day.day, 10, 0, 0).getTime();
    const expected = await library.call('photos.onThisDay', {});
    expect(expected.years.length).toBeGreaterThan(0);
    expect(expected.years.every((y) => y.year < day.year + 3 && y.photos.every((p) => p.takenAt?.slice(5, 10) === expected.today.slice(5)))).toBe(true);
    renderApp(library);
    const strip = await screen.findByRole('region', { name: 'On this day' });
    const first = expected.years[0] as (typeof expected.years)[number];
    expect(within(strip).getByRole('heading', { name: new RegExp(`^${first.yearsAgo} years? ago · ${first.year}`) })).toBeTruthy();
    const buttons = within(strip).getAllByRole('button');
    expect(buttons).toHaveLength(expected.years.reduce((n, y) => n + y.photos.length, 0));
    fireEvent.click(buttons[0] as HTMLElement);
    await waitFor(() => expect(window.location.hash).toMatch(new RegExp(`^#/photo/${first.photos[0]?.id as number}\\?`)));
    expect(decodeURIComponent(window.location.hash)).toContain(`q=day:${first.year}-${expected.today.slice(5)}`);
  });

  it('shows no strip on a day with no photos in earlier years', async () => {
    now = new Date(1990, 0, 1, 10, 0, 0).getTime();
    expect((await library.call('photos.onThisDay', {})).years).toEqual([]);
    renderApp(library);
    await screen.findByRole('grid', { name: 'All photos' });
    expect(screen.queryByRole('region', { name: 'On this day' })).toBeNull();
  });

  it('shows an undated photo as undated, with its file date only as a hint', async () => {
    const found = await library.call('photos.search', { query: '-has:date', limit: 1 });
    const photo = await library.call('photos.get', { id: found.results[0]?.id as number });
    expect(photo).toMatchObject({ takenAt: null, undated: true, zoneSource: null });
    renderApp(library, `#/photo/${photo.id}`);
    const taken = await screen.findByText(/^Undated \(file date /);
    expect(taken.textContent).toContain(String(photo.fileDate?.slice(0, 4)));
  });

  it('gives a dated photo its offset, or says its time zone is unknown', async () => {
    const found = await library.call('photos.search', { query: 'has:date', limit: 40 });
    const details = await Promise.all(found.results.map((r) => library.call('photos.get', { id: r.id })));
    const zoned = details.find((d) => d.takenTz !== null);
    const unzoned = details.find((d) => d.takenTz === null);
    expect(zoned?.zoneSource).toBe('file');
    expect(unzoned?.zoneSource).toBe('unknown');
    renderApp(library, `#/photo/${zoned?.id as number}`);
    expect(await screen.findByText(/\(UTC\+01:00\)$/)).toBeTruthy();
    cleanup();
    renderApp(library, `#/photo/${unzoned?.id as number}`);
    expect(await screen.findByText(/\(time zone unknown\)$/)).toBeTruthy();
  });

  it('lists undated photos last in the Years facet, selecting them with -has:date', async () => {
    const facets = await library.call('search.facets', { query: '' });
    expect(facets.undated).toBeGreaterThan(0);
    renderApp(library, '#/search?q=');
    const panel = await screen.findByRole('complementary', { name: 'Refine' });
    const years = await within(panel).findByRole('heading', { name: 'Years' });
    const buttons = within(years.parentElement as HTMLElement).getAllByRole('button');
    const last = buttons[buttons.length - 1] as HTMLElement;
    expect(last.querySelector('.facet-label')?.textContent).toBe('Undated');
    fireEvent.click(last);
    await waitFor(() => expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('-has:date'));
  });
});
