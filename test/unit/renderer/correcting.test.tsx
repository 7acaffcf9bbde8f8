import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDetailView } from '../../../electron/contract/views.js';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

const press = (key: string, options: { ctrlKey?: boolean } = {}) => act(() => void fireEvent.keyDown(window, { key, ...options }));

describe('correcting photos against a real library', () => {
  let library: TestLibrary;
  let photo: PhotoDetailView;
  beforeAll(async () => {
    library = await openTestLibrary(300);
    const page = await library.call('photos.search', { query: 'has:gps', limit: 50 });
    const withTags = page.results.find((p) => p.tags.length >= 3 && p.tags.every((t) => t.source === 'model' && t.state === 'suggested'));
    photo = await library.call('photos.get', { id: withTags?.id as number });
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('shows the photo with its caption, tags (confidence, source) and metadata', async () => {
    renderApp(library, `#/photo/${photo.id}`);
    await screen.findByText(photo.caption as string);
    const list = screen.getByRole('list', { name: 'Tags' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-tag'))).toEqual(photo.tags.map((t) => t.name));
    const top = photo.tags[0];
    expect(rows[0]?.textContent).toContain(`${Math.round((top?.confidence ?? 0) * 100)}%`);
    expect(rows[0]?.textContent).toContain('model');
    expect(screen.getByText(photo.camera as string)).toBeTruthy();
    expect(screen.getByText(/° [NS], .*° [EW]/)).toBeTruthy();
  });

  it('rejects, adds and undoes with the keyboard, and edits the caption', async () => {
    renderApp(library, `#/photo/${photo.id}`);
    await screen.findByText(photo.caption as string);
    const first = photo.tags[0]?.name as string;

    await press('r');
    await waitFor(() => expect(document.querySelector(`[data-tag="${first}"]`)?.className).toContain('rejected'));
    const afterReject = await library.call('photos.get', { id: photo.id });
    expect(afterReject.tags.find((t) => t.name === first)?.state).toBe('rejected');

    await press('t');
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Tag name'), { target: { value: 'picnic' } });
    await act(async () => void fireEvent.submit(dialog));
    await waitFor(() => expect(document.querySelector('[data-tag="picnic"]')?.textContent).toContain('you'));

    await press('z', { ctrlKey: true });
    await waitFor(() => expect(document.querySelector('[data-tag="picnic"]')).toBeNull());
    expect((await library.call('photos.get', { id: photo.id })).tags.some((t) => t.name === 'picnic')).toBe(false);

    await press('c');
    const caption = await screen.findByRole('textbox', { name: 'Caption' });
    fireEvent.change(caption, { target: { value: 'Sunday by the lake' } });
    await act(async () => void fireEvent.keyDown(caption, { key: 'Enter' }));
    await screen.findByText('Sunday by the lake');
    const saved = await library.call('photos.get', { id: photo.id });
    expect(saved).toMatchObject({ caption: 'Sunday by the lake', captionSource: 'user' });
  });

  it('walks the review queue least certain first, one key per answer', async () => {
    const queue = await library.call('review.queue', { limit: 3 });
    renderApp(library, '#/review');
    const first = queue[0];
    const second = queue[1];
    await waitFor(() => expect(document.querySelector('[data-review-tag]')?.getAttribute('data-review-tag')).toBe(first?.tag.name));
    await press('a');
    const judged = await library.call('photos.get', { id: first?.photo.id as number });
    expect(judged.tags.find((t) => t.name === first?.tag.name)?.state).toBe('accepted');
    await waitFor(() => expect(document.querySelector('[data-review-tag]')?.getAttribute('data-review-tag')).toBe(second?.tag.name));
    expect(screen.getByText(/1 answered/)).toBeTruthy();
  });

  it('reviews the suggestions of one tag when asked', async () => {
    const all = await library.call('review.queue', { limit: 50 });
    const tag = all.map((item) => item.tag.name).find((name, _i, names) => names.filter((n) => n === name).length < names.length) as string;
    const ofTag = await library.call('review.queue', { limit: 50, tag });
    renderApp(library, '#/review');
    await waitFor(() => expect(document.querySelector('[data-review-tag]')).toBeTruthy());
    const select = await screen.findByRole('combobox', { name: 'Review suggestions of one tag' });
    await waitFor(() => expect(within(select).getAllByRole('option').length).toBeGreaterThan(1));
    fireEvent.change(select, { target: { value: tag } });
    await waitFor(() => expect(document.querySelector('[data-review-tag]')?.getAttribute('data-review-tag')).toBe(ofTag[0]?.tag.name));
    expect(ofTag.every((item) => item.tag.name === tag)).toBe(true);
    expect(screen.getByText(new RegExp(`${ofTag.length - 1} more in this round`))).toBeTruthy();
  });

  it('sizes the tag cloud by count and searches a tag on click', async () => {
    const tags = await library.call('tags.list', {});
    renderApp(library, '#/tags');
    const cloud = await screen.findByRole('list', { name: 'Tag cloud' });
    const size = (name: string) => parseFloat((within(cloud).getByText(name).closest('button') as HTMLElement).style.fontSize);
    const most = tags[0];
    const least = tags[tags.length - 1];
    expect(size(most?.name as string)).toBeGreaterThan(size(least?.name as string));
    fireEvent.click(within(cloud).getByText(most?.name as string));
    await waitFor(() => expect(decodeURIComponent(window.location.hash)).toMatch(new RegExp(`^#/search\\?q=tag:"?${most?.name}"?$`)));
    await screen.findByText(`${(await library.call('photos.search', { query: `tag:"${most?.name}"`, limit: 1 })).total.toLocaleString()} photos match`);
  });
});

describe('an empty library', () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await openTestLibrary(0);
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('says what to do first, and explains a folder it cannot add', async () => {
    renderApp(library);
    const start = await screen.findByRole('button', { name: 'Add a folder of photos' });
    fireEvent.click(start);
    const field = await screen.findByLabelText('Folder path');
    fireEvent.change(field, { target: { value: 'Pictures' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Add folder' })));
    expect((await screen.findByRole('alert')).textContent).toMatch(/full path/);
    fireEvent.change(field, { target: { value: '/no/such/folder/anywhere' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Add folder' })));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/does not exist/));
    expect(screen.getByText(/No folders yet/)).toBeTruthy();
    expect(screen.getByText(/Models are off/)).toBeTruthy();
  });

  it('has nothing to review and says why', async () => {
    renderApp(library, '#/review');
    await screen.findByText('Nothing to review');
  });
});
