import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readLibrarySettings } from '../../../electron/core/config/librarySettings.js';
import { openModelAnalyzer } from '../../../electron/core/models/openModelAnalyzer.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

describe('choosing the tagging models on the Library screen', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(0);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('saves the choice in the library for the next start, and says what changes then', async () => {
    renderApp(library, '#/library');
    const panel = within(await screen.findByRole('region', { name: 'Tagging models' }));
    const accurate = panel.getByRole('radio', { name: /Accurate only/ });
    const fast = panel.getByRole('radio', { name: /Fast only/ }) as HTMLInputElement;
    const twoPass = panel.getByRole('radio', { name: /Fast, then accurate/ }) as HTMLInputElement;
    // The default: 'fast' indexes, 'accurate' improves the tags while the library is idle.
    expect(twoPass.checked).toBe(true);
    expect(fast.checked).toBe(false);
    // This test library runs without models, so even the saved default differs from what runs.
    expect(panel.getByRole('status').textContent).toMatch(/without models/);

    fireEvent.click(accurate);
    await waitFor(() => expect((accurate as HTMLInputElement).checked).toBe(true));
    expect(readLibrarySettings(library.dataDir).settings.tagger).toBe('accurate');
    expect(panel.getByRole('status').textContent).toMatch(/From the next start, the accurate models tag every photo again/);
    expect(await library.call('settings.models', {})).toEqual({ tagger: 'accurate', improve: true, running: null, switching: false, problem: null });

    fireEvent.click(fast);
    await waitFor(() => expect(readLibrarySettings(library.dataDir).settings).toMatchObject({ tagger: 'fast', improve: false }));
    fireEvent.click(twoPass);
    await waitFor(() => expect(readLibrarySettings(library.dataDir).settings).toMatchObject({ tagger: 'fast', improve: true }));
  });
});

describe('switching the tagging models from the Library screen while the library runs', () => {
  let library: TestLibrary;
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(async () => {
    temp = makeTempDir();
    // Real models from a folder that has none: the switch is tried for real and fails as a user's would.
    library = await openTestLibrary(0, (models) => (models === 'off' ? Promise.resolve({ analyzer: null, problem: null }) : openModelAnalyzer({ profile: models, workers: 1, modelDir: temp.dir })));
  });
  afterAll(async () => {
    await library.close();
    temp.cleanup();
  });
  afterEach(() => cleanup());

  it('says why the chosen models could not start, and that the running ones go on', async () => {
    renderApp(library, '#/library');
    const panel = within(await screen.findByRole('region', { name: 'Tagging models' }));
    fireEvent.click(panel.getByRole('radio', { name: /Accurate only/ }));
    await waitFor(() => expect(panel.getByRole('status').textContent).toMatch(/could not start: .+This run indexes without models/), { timeout: 30_000 });
    expect(panel.getByRole('status').textContent).toMatch(/phototag doctor/);
    expect(readLibrarySettings(library.dataDir).settings.tagger).toBe('accurate');
  }, 60_000);
});
