import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readLibrarySettings } from '../../../electron/core/config/librarySettings.js';
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
    const accurate = panel.getByRole('radio', { name: /Accurate/ });
    const fast = panel.getByRole('radio', { name: /Fast/ }) as HTMLInputElement;
    expect(fast.checked).toBe(true);
    // This test library runs without models, so even the saved default differs from what runs.
    expect(panel.getByRole('status').textContent).toMatch(/without models/);

    fireEvent.click(accurate);
    await waitFor(() => expect((accurate as HTMLInputElement).checked).toBe(true));
    expect(readLibrarySettings(library.dataDir).settings.tagger).toBe('accurate');
    expect(panel.getByRole('status').textContent).toMatch(/From the next start, the accurate models tag every photo again/);
    expect(await library.call('settings.models', {})).toEqual({ tagger: 'accurate', running: null });

    fireEvent.click(fast);
    await waitFor(() => expect(readLibrarySettings(library.dataDir).settings.tagger).toBe('fast'));
  });
});
