import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

describe('what the screens say, on an empty library', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(0);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('shows no progress bar (let alone a full one) and no rate when there is nothing to index', async () => {
    renderApp(library, '#/library');
    await screen.findByRole('heading', { name: 'Up to date' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('No photos yet: add a folder above.')).toBeTruthy();
    expect(document.querySelector('[data-stat="rate"]')?.textContent).toBe('—');
  });
});

describe('what the screens say, on a tagged library', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(300);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('asks about a tag in words that fit any tag name', async () => {
    renderApp(library, '#/review');
    await waitFor(() => expect(document.querySelector('[data-review-tag]')).toBeTruthy());
    const question = document.querySelector('.review-question')?.textContent ?? '';
    const tag = document.querySelector('[data-review-tag]')?.getAttribute('data-review-tag');
    expect(question).toBe(`Does the tag ${tag} fit this photo?`);
  });

});
