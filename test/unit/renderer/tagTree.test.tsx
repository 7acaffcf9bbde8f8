import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

describe('the Tags screen as a tree, over a real library', () => {
  let library: TestLibrary;
  let photoId: number;
  beforeAll(async () => {
    library = await openTestLibrary(300);
    const page = await library.call('photos.search', { query: '-tag:animal', limit: 1 });
    photoId = page.results[0]?.id as number;
    await library.call('tags.add', { photoIds: [photoId], tag: 'golden retriever' });
  });
  afterAll(() => library.close());
  afterEach(() => cleanup());

  it('shows the model tags under their WordNet categories, and puts a tag of the user\'s under a parent', async () => {
    renderApp(library, '#/tags');
    fireEvent.click(await screen.findByRole('button', { name: 'Tree' }));
    const tree = await screen.findByRole('list', { name: 'Tag tree' });
    const animal = within(tree).getByRole('button', { name: /^animal$/ }).closest('li') as HTMLElement;
    // dog sits under animal › mammal; person is not an animal.
    expect(within(animal).getByRole('button', { name: /^dog\s*[\d,]+$/ })).toBeTruthy();
    expect(within(animal).queryByRole('button', { name: /^person\b/ })).toBeNull();
    expect(within(tree).getByRole('button', { name: /^vehicle$/ })).toBeTruthy();

    // golden retriever starts at the top, and goes under dog.
    fireEvent.click(within(tree).getByRole('button', { name: 'Put golden retriever under…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Tag name'), { target: { value: 'dog' } });
    await act(async () => void fireEvent.submit(dialog));
    await waitFor(() => {
      const dog = within(screen.getByRole('list', { name: 'Tag tree' })).getByRole('button', { name: /^dog\s*[\d,]+$/ }).closest('li') as HTMLElement;
      expect(within(dog).getByRole('button', { name: /^golden retriever\s*1$/ })).toBeTruthy();
    });
    expect(screen.getByRole('button', { name: 'Move golden retriever from under dog…' })).toBeTruthy();
    // The models' tags have WordNet's parents: only the user's own tags offer to be moved.
    expect(screen.queryByRole('button', { name: 'Put dog under…' })).toBeNull();
    // And search agrees: tag:animal now finds the photo.
    const found = await library.call('photos.search', { query: 'tag:animal', limit: 1000 });
    expect(found.results.map((r) => r.id)).toContain(photoId);
  });

  it('refuses a loop: dog cannot go under golden retriever', async () => {
    await expect(library.call('tags.setParent', { tag: 'dog', parent: 'golden retriever' })).rejects.toThrow(/cannot sit under itself/);
  });
});
