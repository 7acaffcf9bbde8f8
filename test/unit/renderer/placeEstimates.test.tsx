import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  });

  it('shows the GPS place, not an estimate, for the located photo', async () => {
    renderApp(library, `#/photo/${ids.located}`);
    await screen.findByRole('link', { name: 'Florence, Italy' });
    expect(screen.queryByText(/estimated \(from/)).toBeNull();
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
});
