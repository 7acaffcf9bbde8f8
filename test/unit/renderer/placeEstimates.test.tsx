import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import type { PhotoFacts } from '../../../db/repositories/PhotoRepository.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { fillPlaceEstimates } from '../../../electron/core/places/fillPlaceEstimates.js';
import { fillPlaces } from '../../../electron/core/places/fillPlaces.js';
import { createPlaceGeocoder } from '../../../electron/core/places/geonamesGeocoder.js';
import { pipelineVersionFor } from '../../../electron/core/pipeline/pipelineVersion.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, renderApp, type TestLibrary } from './harness.js';

const facts: PhotoFacts = {
  width: 16, height: 12, format: 'jpeg', takenAt: null, takenTz: null, dateSource: 'exif', takenTzSource: null, takenZone: null, fileDate: null,
  dateProblem: null, gpsProblem: null, cameraMake: 'NIKON', cameraModel: 'COOLPIX P6000', camera: 'Nikon COOLPIX P6000', lens: null, gpsLat: null, gpsLon: null, gpsAlt: null, orientation: 1,
};

/** Two photos of one camera as the pipeline stores them, one located in Florence: the indexer cannot run under jsdom. */
describe('an estimated place in the photo view', () => {
  const temp = makeTempDir('phototag-ui-estimates-');
  const dataDir = path.join(temp.dir, 'data');
  let library: TestLibrary;
  const ids = { located: 0, estimated: 0 };

  beforeAll(async () => {
    const db = LibraryDatabase.open(path.join(dataDir, 'library.db'));
    try {
      const stored = (name: string, more: Partial<PhotoFacts>) => {
        const id = db.photos.insert({ path: path.join(temp.dir, 'gone', name), fileName: name, folderId: null, size: 1, mtimeMs: 1, contentHash: name }, 1);
        db.photos.saveFacts(id, { ...facts, ...more }, pipelineVersionFor(null), 1);
        db.searchIndex.refresh(id);
        return id;
      };
      ids.located = stored('located.jpg', { takenAt: '2019-07-14T10:00:00', gpsLat: 43.7696, gpsLon: 11.2558 });
      ids.estimated = stored('no-gps.jpg', { takenAt: '2019-07-14T10:12:00' });
      await fillPlaces(db, createPlaceGeocoder());
      await fillPlaceEstimates(db);
    } finally {
      db.close();
    }
    library = libraryOverHost(await LibraryHost.open({ dataDir, analyzer: null, watch: false }), dataDir);
  });
  afterAll(async () => {
    await library.close();
    temp.cleanup();
  });
  afterEach(() => cleanup());

  it('shows it marked as estimated, leading to the photos estimated there and to the photo it came from', async () => {
    renderApp(library, `#/photo/${ids.estimated}`);
    const name = await screen.findByRole('link', { name: 'Florence, Italy' });
    expect(name.getAttribute('href')).toBe(`#/search?q=${encodeURIComponent('estimate:Florence')}`);
    const note = screen.getByRole('link', { name: 'estimated (from located.jpg, 12 min earlier)' });
    expect(note.getAttribute('href')).toBe(`#/photo/${ids.located}`);
    expect(name.closest('dd')?.textContent).toContain('No location in the file');
    // The small map draws the located photo's position, named as estimated.
    screen.getByRole('img', { name: 'Map of the estimated place, where the located photo it comes from was taken: 43.76960° N, 11.25580° E' });
  });

  it('shows the GPS place, not an estimate, for the located photo', async () => {
    renderApp(library, `#/photo/${ids.located}`);
    await screen.findByRole('link', { name: 'Florence, Italy' });
    expect(screen.queryByText(/estimated \(from/)).toBeNull();
    screen.getByRole('img', { name: 'Map of where the photo was taken: 43.76960° N, 11.25580° E' });
  });

  it('offers the estimated place in the Places facet as its own marked entry, apart from the GPS count, applying estimate:', async () => {
    renderApp(library, '#/search');
    const facets = await screen.findByRole('complementary', { name: 'Refine' });
    const places = await within(facets).findByRole('heading', { name: 'Places' });
    const buttons = within(places.parentElement as HTMLElement).getAllByRole('button');
    const labels = buttons.map((b) => `${b.querySelector('.facet-label')?.textContent ?? ''} ${b.querySelector('.count')?.textContent ?? ''}`);
    // The located photo alone under GPS Florence; the estimated one only in its own entry.
    expect(labels).toEqual(['Florence 1', 'Florence (estimated) 1']);
    const estimated = buttons[1] as HTMLElement;
    expect(estimated.className).toContain('estimated');
    fireEvent.click(estimated);
    await screen.findByText('1 photo matches');
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('estimate:Florence');
    expect(estimated.getAttribute('aria-pressed')).toBe('true');
  });

  it('draws estimated places on the map only when asked, as dashed rings with a legend, and an area then takes them in', async () => {
    // happy-dom lays nothing out and has no 2D canvas: a sized frame and a context that records what is drawn.
    const drawn: { method: string; args: unknown[] }[] = [];
    const context = new Proxy({} as Record<string, unknown>, {
      get: (target, key) => (key in target ? target[key as string] : (...args: unknown[]) => void drawn.push({ method: String(key), args })),
      set: (target, key, value) => {
        target[key as string] = value;
        return true;
      },
    });
    const sized = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ x: 0, y: 0, left: 0, top: 0, right: 800, bottom: 400, width: 800, height: 400, toJSON: () => ({}) });
    const canvas = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as never);
    try {
      renderApp(library, '#/map');
      await screen.findByText('1 photo with a location');
      const toggle = screen.getByRole('checkbox', { name: 'Show estimated places' }) as HTMLInputElement;
      expect(toggle.checked).toBe(false);
      expect(screen.queryByRole('list', { name: 'Legend' })).toBeNull();
      const map = screen.getByRole('application');
      await vi.waitFor(() => expect(map.getAttribute('aria-label')).toBe('Map: 1 photo in 1 group in view'));
      expect(drawn.some((c) => c.method === 'arc')).toBe(true);
      expect(drawn.some((c) => c.method === 'setLineDash')).toBe(false);

      drawn.length = 0;
      fireEvent.click(toggle);
      await screen.findByText(/, 1 photo with an estimated place/);
      await vi.waitFor(() => expect(map.getAttribute('aria-label')).toBe('Map: 1 photo in 1 group in view, and 1 estimated photo in 1 dashed ring'));
      const legend = screen.getByRole('list', { name: 'Legend' });
      expect(within(legend).getByText(/^Estimated: no GPS/)).toBeTruthy();
      // A hollow ring, dashed: stroked with a dash pattern, never filled like the located dots.
      await vi.waitFor(() => expect(drawn.some((c) => c.method === 'setLineDash' && (c.args[0] as number[]).length > 0)).toBe(true));
      const dashedAt = drawn.findIndex((c) => c.method === 'setLineDash' && (c.args[0] as number[]).length > 0);
      expect(drawn.slice(dashedAt).map((c) => c.method)).toContain('stroke');
      expect(map.getAttribute('data-estimated-clusters')).toBe('1');

      fireEvent.click(screen.getByRole('button', { name: 'Photos in view' }));
      await screen.findByText('2 photos match');
      expect((screen.getByRole('combobox') as HTMLInputElement).value).toMatch(/^within:[-\d.]+,[-\d.]+,[-\d.]+,[-\d.]+,estimated$/);
      // Marked in the results: the estimated photo's tile says so (in words, and to a screen reader), the located one's not.
      const estimatedTile = await screen.findByRole('gridcell', { name: 'no-gps.jpg, place estimated' });
      expect(estimatedTile.textContent).toContain('estimated place');
      expect(screen.getByRole('gridcell', { name: 'located.jpg' }).textContent).not.toContain('estimated place');
    } finally {
      sized.mockRestore();
      canvas.mockRestore();
    }
  });
});
