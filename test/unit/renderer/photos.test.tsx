import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

const PHOTOS = 2_000;

describe('gallery and search against a 2,000-photo library', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(PHOTOS);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('shows every photo newest first, with only the visible rows in the DOM', async () => {
    renderApp(library);
    const grid = await screen.findByRole('grid', { name: 'All photos' });
    const total = (await library.call('photos.search', { query: '', limit: 1 })).total;
    expect(screen.getByText(`${total.toLocaleString()} photos · newest first`)).toBeTruthy();
    await waitFor(() => expect(grid.querySelectorAll('[data-photo-id]').length).toBeGreaterThan(0));
    const cells = grid.querySelectorAll('[role="gridcell"]').length;
    expect(cells).toBeLessThan(200);
    expect(Number(grid.getAttribute('aria-rowcount'))).toBeGreaterThan(total / 20);
    // The first tile is the newest photo, as the API orders them.
    const first = (await library.call('photos.search', { query: '', limit: 1 })).results[0];
    expect(grid.querySelector('[data-photo-id]')?.getAttribute('data-photo-id')).toBe(String(first?.id));
  });

  it('turns typing into results once it pauses, with facets to refine', async () => {
    renderApp(library, '#/search');
    const tag = library.info?.tagsByFrequency[3] as string;
    const term = tag.includes(' ') ? `tag:"${tag}"` : `tag:${tag}`;
    const expected = (await library.call('photos.search', { query: term, limit: 1 })).total;
    fireEvent.change(screen.getByRole('combobox', { name: 'Search photos' }), { target: { value: term } });
    await screen.findByText(`${expected.toLocaleString()} photos match`);
    expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent(term)}`);

    const facets = screen.getByRole('complementary', { name: 'Refine' });
    const years = await within(facets).findByRole('heading', { name: 'Years' });
    const yearButton = within(years.parentElement as HTMLElement).getAllByRole('button')[0] as HTMLElement;
    const year = yearButton.querySelector('.facet-label')?.textContent as string;
    fireEvent.click(yearButton);
    const narrowed = (await library.call('photos.search', { query: `${term} year:${year}`, limit: 1 })).total;
    expect(narrowed).toBeLessThan(expected);
    await screen.findByText(`${narrowed.toLocaleString()} photos match`);
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe(`${term} year:${year}`);
  });

  it('offers tag names with their counts as you type, and completes the one you pick', async () => {
    renderApp(library, '#/search');
    const box = screen.getByRole('combobox', { name: 'Search photos' }) as HTMLInputElement;
    const tag = library.info?.tagsByFrequency.find((t) => /^[a-z]+$/.test(t) && t.length > 3) as string;
    const suggested = await library.call('tags.suggest', { prefix: tag.slice(0, 3), limit: 8 });
    box.focus();
    fireEvent.change(box, { target: { value: `tag:${tag.slice(0, 3)}`, selectionStart: 7 } });
    const list = await screen.findByRole('listbox', { name: 'Tag suggestions' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.querySelector('.suggestion-name')?.textContent)).toEqual(suggested.map((s) => s.name));
    expect(options[0]?.textContent).toContain(suggested[0]?.count.toLocaleString());
    const index = suggested.findIndex((s) => s.name === tag);
    for (let i = 0; i < index; i++) fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe(`tag:${tag} `);
  });

  it('keeps the last good results while a query is half-typed, and calls it an error only once the typing stops', async () => {
    renderApp(library, '#/search');
    const box = screen.getByRole('combobox', { name: 'Search photos' });
    const good = 'year:2019';
    const expected = (await library.call('photos.search', { query: good, limit: 1 })).total;
    fireEvent.change(box, { target: { value: good } });
    await screen.findByText(`${expected.toLocaleString()} photos match`);
    const grid = screen.getByRole('grid', { name: 'Search results' });
    await waitFor(() => expect(grid.querySelectorAll('[data-photo-id]').length).toBeGreaterThan(0));
    const tilesBefore = [...grid.querySelectorAll('[data-photo-id]')].map((t) => t.getAttribute('data-photo-id'));

    const invalid = 'year:2019 (tag:dog';
    const answer = await library.host.call('photos.search', { query: invalid });
    expect(answer.ok).toBe(false);
    fireEvent.change(box, { target: { value: invalid } });
    // While typing: a quiet note at the spot, no alert, the box not marked invalid, the same results and facets.
    const hint = await waitFor(() => {
      const found = document.querySelector('.query-error.is-hint');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(hint.getAttribute('role')).toBeNull();
    expect(hint.querySelector('mark')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(box.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText(`${expected.toLocaleString()} photos match`)).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Search results' })).toBe(grid);
    expect([...grid.querySelectorAll('[data-photo-id]')].map((t) => t.getAttribute('data-photo-id'))).toEqual(tilesBefore);
    expect(within(screen.getByRole('complementary', { name: 'Refine' })).getByRole('heading', { name: 'Years' })).toBeTruthy();

    // Stopped on it: now it is an error, announced, pointing at the spot; the last results still there.
    const alert = await screen.findByRole('alert', undefined, { timeout: 4_000 });
    expect(alert.textContent).toContain(answer.ok ? '' : answer.error.message);
    expect(alert.querySelector('mark')).not.toBeNull();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(grid.querySelectorAll('[data-photo-id]').length).toBe(tilesBefore.length);
  });

  it('opens a photo on one click; the check mark, Ctrl- and Shift-click select', async () => {
    renderApp(library);
    const grid = await screen.findByRole('grid', { name: 'All photos' });
    await waitFor(() => expect(grid.querySelectorAll('[data-photo-id]').length).toBeGreaterThan(3));
    const tiles = [...grid.querySelectorAll('[data-photo-id]')].slice(0, 3) as HTMLElement[];
    fireEvent.click(within(tiles[1] as HTMLElement).getByRole('button', { name: /^Select / }));
    expect(screen.getByText('1 photo selected')).toBeTruthy();
    // With a selection, a click adds to it rather than opening.
    fireEvent.click(tiles[2] as HTMLElement);
    expect(screen.getByText('2 photos selected')).toBeTruthy();
    fireEvent.click(tiles[2] as HTMLElement, { ctrlKey: true });
    expect(screen.getByText('1 photo selected')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByText(/selected$/)).toBeNull());
    fireEvent.click(tiles[0] as HTMLElement);
    expect(window.location.hash).toBe(`#/photo/${tiles[0]?.getAttribute('data-photo-id')}?q=&i=0`);
  });

  it('adds a tag to a multi-selection with one key', async () => {
    renderApp(library);
    const grid = await screen.findByRole('grid', { name: 'All photos' });
    await waitFor(() => expect(grid.querySelectorAll('[data-photo-id]').length).toBeGreaterThan(3));
    const tiles = [...grid.querySelectorAll('[data-photo-id]')].slice(0, 3) as HTMLElement[];
    fireEvent.click(tiles[0] as HTMLElement, { ctrlKey: true });
    fireEvent.click(tiles[2] as HTMLElement, { shiftKey: true });
    expect(screen.getByText('3 photos selected')).toBeTruthy();
    fireEvent.keyDown(window, { key: 't' });
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Tag name'), { target: { value: 'road trip' } });
    await act(async () => {
      fireEvent.submit(dialog);
    });
    const ids = tiles.map((t) => Number(t.getAttribute('data-photo-id')));
    await waitFor(async () => expect((await library.call('photos.search', { query: 'tag:"road trip"', limit: 10 })).results.map((r) => r.id).sort()).toEqual(ids.sort()));
    await screen.findByText('Added “road trip” on 3 photos');
  });
});
