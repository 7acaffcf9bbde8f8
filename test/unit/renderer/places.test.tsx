import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { createPlaceGeocoder } from '../../../electron/core/places/geonamesGeocoder.js';
import { fillPlaces } from '../../../electron/core/places/fillPlaces.js';
import { populateSyntheticLibrary } from '../../bench/syntheticLibrary.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, renderApp, type TestLibrary } from './harness.js';

/**
 * A synthetic library (rows as the pipeline writes them; a third of the photos with GPS over Europe) whose places
 * the real geocoder names through the production backfill: the indexer itself cannot run under jsdom.
 */
describe('places in the app', () => {
  const temp = makeTempDir('phototag-ui-places-');
  const dataDir = path.join(temp.dir, 'data');
  let library: TestLibrary;

  beforeAll(async () => {
    const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
    try {
      populateSyntheticLibrary(db, { photos: 400, seed: 5 });
      await fillPlaces(db, createPlaceGeocoder());
    } finally {
      db.close();
    }
    const host = await LibraryHost.open({ dataDir, analyzer: null, watch: false });
    library = libraryOverHost(host, dataDir);
  });
  afterAll(async () => {
    await library.close();
    temp.cleanup();
  });
  afterEach(() => cleanup());

  it('shows the place name on the photo view, leading to the photos taken there', async () => {
    const found = await library.call('photos.search', { query: 'has:gps', limit: 200 });
    const details = await Promise.all(found.results.map((r) => library.call('photos.get', { id: r.id })));
    const named = details.find((d) => d.place?.town);
    expect(named).toBeDefined();
    const place = named?.place as NonNullable<NonNullable<typeof named>['place']>;
    renderApp(library, `#/photo/${named?.id as number}`);
    const link = await screen.findByRole('link', { name: place.name });
    expect(place.name).toMatch(new RegExp(`^${place.town as string}, .*${place.country as string}$`));
    const term = /^[\p{L}\p{N}_-]+$/u.test(place.town as string) ? `place:${place.town as string}` : `place:"${place.town as string}"`;
    expect(link.getAttribute('href')).toBe(`#/search?q=${encodeURIComponent(term)}`);
    expect(link.closest('dd')?.textContent).toMatch(/° [NS], .*° [EW]/);
    // A small map of the point, drawn from the shipped borders (no tiles from the network).
    expect(screen.getByRole('img', { name: /^Map of where the photo was taken: .*° [NS], .*° [EW]$/ })).toBeTruthy();
  });

  it('says so for a photo without GPS', async () => {
    const found = await library.call('photos.search', { query: '-has:gps', limit: 1 });
    renderApp(library, `#/photo/${found.results[0]?.id as number}`);
    expect(await screen.findByText('No location in the file')).toBeTruthy();
  });

  it('offers the places as a facet that narrows the search', async () => {
    const expected = await library.call('search.facets', { query: '' });
    expect(expected.places.length).toBeGreaterThan(2);
    renderApp(library, '#/search');
    const facets = await screen.findByRole('complementary', { name: 'Refine' });
    const places = await within(facets).findByRole('heading', { name: 'Places' });
    const buttons = within(places.parentElement as HTMLElement).getAllByRole('button');
    expect(buttons.map((b) => b.querySelector('.facet-label')?.textContent)).toHaveLength(expected.places.length);
    const first = expected.places[0] as (typeof expected.places)[number];
    expect(buttons[0]?.querySelector('.facet-label')?.textContent).toContain(first.name);
    fireEvent.click(buttons[0] as HTMLElement);
    const term = first.field === 'place' && !/^[\p{L}\p{N}_-]+$/u.test(first.value) ? `place:"${first.value}"` : `${first.field}:${first.value}`;
    const narrowed = (await library.call('photos.search', { query: term, limit: 1 })).total;
    expect(narrowed).toBeGreaterThanOrEqual(first.count);
    await screen.findByText(`${narrowed.toLocaleString()} ${narrowed === 1 ? 'photo matches' : 'photos match'}`);
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe(term);
  });
});
