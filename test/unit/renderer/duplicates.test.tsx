import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { runCli } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, openTestLibrary, renderApp, type TestLibrary } from './harness.js';

/**
 * The Duplicates screen against a library indexed from real photos: a coco photo, its exact copy in another folder,
 * a half-size PNG export of it, and an unrelated photo. Indexed by the `phototag` CLI in its own process (no models:
 * the perceptual hash alone groups these copies).
 */
describe('the Duplicates screen', () => {
  const temp = makeTempDir('phototag-ui-duplicates-');
  const photos = path.join(temp.dir, 'photos');
  const original = path.join(photos, '000000000036.jpg');
  const exact = path.join(photos, 'backup', '000000000036.jpg');
  const half = path.join(photos, 'exported', 'umbrella-half.png');
  let library: TestLibrary;

  beforeAll(async () => {
    const dataDir = path.join(temp.dir, 'data');
    const coco = sharedData('coco', 'images');
    copyPhotos(coco, photos, ['000000000036.jpg', '000000000042.jpg']);
    copyPhotos(coco, path.dirname(exact), ['000000000036.jpg']);
    fs.mkdirSync(path.dirname(half), { recursive: true });
    const meta = await sharp(original).metadata();
    await sharp(original).resize(Math.round((meta.width as number) / 2)).png().toFile(half);
    for (const args of [['add', photos], ['--models', 'off', 'index']]) {
      const run = runCli(['--data-dir', dataDir, ...args]);
      if (run.status !== 0) throw new Error(`phototag ${args.join(' ')} failed: ${run.stderr}`);
    }
    library = libraryOverHost(await LibraryHost.open({ dataDir, analyzer: null, watch: false }), dataDir);
  }, 300_000);
  afterAll(async () => {
    await library?.close();
    temp.cleanup();
  });
  afterEach(() => cleanup());

  const groups = () => within(screen.getByRole('list', { name: 'Groups of duplicates' })).queryAllByRole('listitem').filter((li) => li.classList.contains('duplicate-group'));
  const copiesOf = (group: HTMLElement) => [...group.querySelectorAll<HTMLElement>('.duplicate-copy')];
  const total = async (query: string) => (await library.call('photos.search', { query, limit: 50 })).total;

  it('is in the sidebar, and shows the group with the best copy first and why', async () => {
    renderApp(library);
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Duplicates' }));
    await screen.findByRole('heading', { name: 'Duplicates' });
    expect(window.location.hash).toBe('#/duplicates');
    await screen.findByText('1 group · 2 extra copies');
    const [group] = groups();
    expect(group?.getAttribute('aria-label')).toBe('3 copies of 000000000036.jpg');
    const copies = copiesOf(group as HTMLElement);
    expect(copies.map((c) => c.querySelector('.duplicate-name')?.getAttribute('title'))).toEqual([expect.stringMatching(/000000000036\.jpg$/), expect.stringMatching(/000000000036\.jpg$/), half]);
    // Two copies named alike are told apart by their folders.
    const folders = copies.map((c) => c.querySelector('.duplicate-folder')?.textContent);
    expect(folders[2]).toBe(`in ${path.basename(photos)}/exported`);
    expect(folders.slice(0, 2).sort()).toEqual([`in ${path.basename(photos)}/backup`, `in ${path.basename(temp.dir)}/photos`]);
    expect(copies[2]?.querySelector('.duplicate-folder')?.getAttribute('title')).toBe(path.dirname(half));
    expect(copies[0]?.classList.contains('best')).toBe(true);
    expect(copies[0]?.textContent).toContain('Best: largest');
    expect(copies[1]?.textContent).toContain('Identical file');
    expect(copies[2]?.textContent).toContain('Same picture');
    expect(copies[2]?.textContent).toMatch(/PNG/);
    expect(copies.map((c) => within(c).getByRole('button', { name: 'Keep this one' }))).toHaveLength(3);
  });

  it('"Keep this one" hides the other copies from the library and search; Undo brings them back', async () => {
    const before = await total('');
    renderApp(library, '#/duplicates');
    await screen.findByText('1 group · 2 extra copies');
    const best = copiesOf(groups()[0] as HTMLElement)[0] as HTMLElement;
    const keptPath = best.querySelector('.duplicate-name')?.getAttribute('title');
    fireEvent.click(within(best).getByRole('button', { name: 'Keep this one' }));
    await screen.findByText('Kept 000000000036.jpg; 2 copies are hidden from your library (the files stay where they are)');
    await screen.findByRole('heading', { name: 'No duplicates' });
    expect(screen.getByRole('button', { name: 'Show 2 hidden photos' })).toBeTruthy();
    expect(await total('')).toBe(before - 2);
    expect(await total('format:png')).toBe(0);
    const hidden = (await library.call('photos.search', { query: 'is:hidden', limit: 50 })).results.map((r) => r.path).sort();
    expect(hidden).toEqual([original, exact, half].filter((p) => p !== keptPath).sort());
    expect(fs.existsSync(half)).toBe(true);

    // The notice's Undo (it fades after a few seconds: clicked at once).
    fireEvent.click(within(screen.getByRole('status')).getByRole('button', { name: 'Undo' }));
    await screen.findByText('2 photos shown again');
    await screen.findByText('1 group · 2 extra copies');
    expect(copiesOf(groups()[0] as HTMLElement)).toHaveLength(3);
    expect(await total('')).toBe(before);
    expect(await total('format:png')).toBe(1);
  });

  it('keeping the PNG hides both JPEGs; the hidden copies are one click away as a search, and leave the photos', async () => {
    const before = await total('');
    renderApp(library, '#/duplicates');
    await screen.findByText('1 group · 2 extra copies');
    const png = copiesOf(groups()[0] as HTMLElement)[2] as HTMLElement;
    fireEvent.click(within(png).getByRole('button', { name: 'Keep this one' }));
    await screen.findByText('Kept umbrella-half.png; 2 copies are hidden from your library (the files stay where they are)');
    fireEvent.click(await screen.findByRole('button', { name: 'Show 2 hidden photos' }));
    await screen.findByText('2 photos match');
    expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('is:hidden')}`);
    const results = await screen.findByRole('grid', { name: 'Search results' });
    await waitFor(() => expect(results.querySelectorAll('[data-photo-id]').length).toBe(2));
    // Back in all photos: only the PNG and the unrelated photo are left.
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Photos' }));
    await screen.findByText(`${before - 2} photos · newest first`);
    expect((await library.call('duplicates.undo', {})).shown).toHaveLength(2);
  });

  it('says what it is for on a library without copies', async () => {
    const empty = await openTestLibrary(0);
    try {
      renderApp(empty, '#/duplicates');
      await screen.findByRole('heading', { name: 'No duplicates' });
      expect(screen.getByText(/Copies of the same photo \(the same file twice, or resized, recompressed, slightly cropped or turned\) show up here/)).toBeTruthy();
      expect(screen.queryByRole('button', { name: /hidden photo/ })).toBeNull();
    } finally {
      cleanup();
      await empty.close();
    }
  });
});
