import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

/** Favourites, ratings and albums in the components, against a real library behind a real host. */
describe('favourites, ratings and albums', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(200);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  const idsOf = async (query: string) => (await library.call('photos.search', { query, limit: 100 })).results.map((r) => r.id).sort((a, b) => a - b);
  const sidebarCount = (name: string) => {
    const nav = screen.getByRole('list', { name: 'Collections' });
    const link = within(nav).getByRole('link', { name: new RegExp(`^${name}`) });
    return link.querySelector('.count')?.textContent;
  };

  it('marks the focused photo a favourite with "." and rates it with 4; the sidebar counts follow', async () => {
    renderApp(library);
    const grid = await screen.findByRole('grid', { name: 'All photos' });
    await waitFor(() => expect(grid.querySelectorAll('[data-photo-id]').length).toBeGreaterThan(3));
    const first = Number(grid.querySelector('[data-photo-id]')?.getAttribute('data-photo-id'));
    await waitFor(() => expect(sidebarCount('Favourites')).toBe('0'));
    grid.focus();
    fireEvent.keyDown(grid, { key: '.' });
    await screen.findByText('Added 1 photo to Favourites');
    fireEvent.keyDown(grid, { key: '4' });
    await screen.findByText('Rated 1 photo 4 stars');
    expect(await idsOf('is:favorite')).toEqual([first]);
    expect(await idsOf('rating:4+')).toEqual([first]);
    await waitFor(() => expect(sidebarCount('Favourites')).toBe('1'));
    // The focused tile shows its heart pressed and four stars.
    const tile = grid.querySelector(`[data-photo-id="${first}"]`) as HTMLElement;
    await waitFor(() => expect(within(tile).getByRole('button', { name: /^Favourite/ }).getAttribute('aria-pressed')).toBe('true'));
    expect(within(tile).getByRole('group', { name: /Rating .*: 4 stars/ })).toBeTruthy();
    // "." again takes it out.
    fireEvent.keyDown(grid, { key: '.' });
    await screen.findByText('Took 1 photo out of Favourites');
    expect(await idsOf('is:favorite')).toEqual([]);
  });

  it('makes an album from a selection; the sidebar opens it with the count the screen shows', async () => {
    renderApp(library);
    const grid = await screen.findByRole('grid', { name: 'All photos' });
    await waitFor(() => expect(grid.querySelectorAll('[data-photo-id]').length).toBeGreaterThan(3));
    const tiles = [...grid.querySelectorAll('[data-photo-id]')].slice(0, 3) as HTMLElement[];
    fireEvent.click(tiles[0] as HTMLElement, { ctrlKey: true });
    fireEvent.click(tiles[2] as HTMLElement, { shiftKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Add to album' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add 3 photos to an album' });
    fireEvent.change(within(dialog).getByLabelText('New album name'), { target: { value: 'Road trip' } });
    await act(async () => {
      fireEvent.submit(dialog);
    });
    await screen.findByText('Made the album “Road trip” with 3 photos');
    const ids = tiles.map((t) => Number(t.getAttribute('data-photo-id'))).sort((a, b) => a - b);
    expect(await idsOf('album:"Road trip"')).toEqual(ids);
    await waitFor(() => expect(sidebarCount('Road trip')).toBe('3'));
    fireEvent.click(within(screen.getByRole('list', { name: 'Collections' })).getByRole('link', { name: /^Road trip/ }));
    await screen.findByText('3 photos match');
    expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('album:"Road trip"')}`);

    // Taken out of the album from a selection there: the photo stays in the library.
    const inLibrary = (await library.call('library.status', {})).photos.total;
    const results = await screen.findByRole('grid', { name: 'Search results' });
    await waitFor(() => expect(results.querySelectorAll('[data-photo-id]').length).toBe(3));
    fireEvent.click(results.querySelector('[data-photo-id]') as HTMLElement, { ctrlKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Remove from “Road trip”' }));
    await screen.findByText('2 photos match');
    await waitFor(() => expect(sidebarCount('Road trip')).toBe('2'));
    expect((await library.call('library.status', {})).photos.total).toBe(inLibrary);
  });

  it('rates and favourites from the photo view, by key and by click', async () => {
    const id = (await library.call('photos.search', { query: '', limit: 5 })).results[4]?.id as number;
    renderApp(library, `#/photo/${id}`);
    const marks = await screen.findByRole('region', { name: 'Favourite and rating' });
    fireEvent.keyDown(window, { key: '5' });
    await waitFor(() => expect(within(marks).getByRole('group', { name: 'Rating: 5 stars' })).toBeTruthy());
    fireEvent.click(within(marks).getByRole('button', { name: 'Favourite' }));
    await waitFor(() => expect(within(marks).getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed')).toBe('true'));
    fireEvent.click(within(marks).getByRole('button', { name: '5 stars: take the rating off' }));
    await waitFor(() => expect(within(marks).getByRole('group', { name: 'Rating: no stars' })).toBeTruthy());
    expect(await library.call('photos.get', { id })).toMatchObject({ favorite: true, rating: 0 });
  });

  it('makes a smart album on the Albums screen, says what is wrong with a bad query, renames and deletes', async () => {
    renderApp(library, '#/albums');
    const form = await screen.findByRole('form', { name: 'New album' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Loved' } });
    fireEvent.change(within(form).getByLabelText(/^Search/), { target: { value: 'is:favorite OR (' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toMatch(/Unclosed parenthesis/);
    fireEvent.change(within(form).getByLabelText(/^Search/), { target: { value: 'is:favorite OR rating:5' } });
    fireEvent.submit(form);
    const expected = (await idsOf('is:favorite OR rating:5')).length;
    const card = (await screen.findByRole('heading', { name: 'Loved' })).closest('li') as HTMLElement;
    expect(within(card).getByText(new RegExp(`^${expected} photos? ·`))).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Rename Loved' }));
    fireEvent.change(within(card).getByLabelText('New name for Loved'), { target: { value: 'Best ones' } });
    fireEvent.submit(within(card).getByLabelText('New name for Loved').closest('form') as HTMLFormElement);
    await screen.findByRole('heading', { name: 'Best ones' });

    // jsdom has no dialogs: the user says yes.
    const confirm = vi.fn(() => true);
    window.confirm = confirm;
    const before = (await library.call('library.status', {})).photos.total;
    fireEvent.click(screen.getByRole('button', { name: 'Delete Best ones' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Best ones' })).toBeNull());
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/Its photos stay in your library/));
    expect((await library.call('library.status', {})).photos.total).toBe(before);
  });
});
