import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { repoRoot, sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import { libraryOverHost, renderApp, type TestLibrary } from './harness.js';

// Faces `dev`: two people, three photos each (the shipped models group them in two).
const first = ['img1.jpg', 'img2.jpg', 'img4.jpg'];
const second = ['img29.jpg', 'img30.jpg', 'img31.jpg'];

/** The People screen and the faces on a photo, against a library the shipped models indexed from real photos. */
describe('people against a real library with faces', () => {
  const temp = makeTempDir('phototag-ui-people-');
  let library: TestLibrary;

  beforeAll(async () => {
    const photos = path.join(temp.dir, 'photos');
    const dataDir = path.join(temp.dir, 'data');
    copyPhotos(sharedData('faces', 'images'), photos, [...first, ...second]);
    const indexed = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(import.meta.dirname, 'indexFaces.ts'), photos, dataDir], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, PHOTOTAG_LOG_LEVEL: 'warn' },
    });
    if (indexed.status !== 0) throw new Error(`indexing the faces failed: ${indexed.stderr}`);
    expect(JSON.parse(indexed.stdout)).toMatchObject({ faces: 6, people: 2 });
    const host = await LibraryHost.open({ dataDir, analyzer: null, watch: false });
    library = libraryOverHost(host, dataDir);
  }, 300_000);
  afterAll(async () => {
    await library?.close();
    temp.cleanup();
  });
  afterEach(() => cleanup());

  const tiles = () => within(screen.getByRole('list', { name: 'People' })).queryAllByRole('listitem');

  it('shows the groups as faces, largest first, unnamed; names one (Enter saves, Escape cancels) and finds their photos', async () => {
    renderApp(library, '#/people');
    await screen.findByText('2 people · named first, then the most seen');
    expect(tiles().map((t) => t.textContent)).toEqual([expect.stringContaining('Unnamed'), expect.stringContaining('Unnamed')]);
    expect(tiles()[0]?.textContent).toContain('Seen 3 times');
    // Each face is cut from the example photo's thumbnail, around the face's box.
    await waitFor(() => expect(document.querySelectorAll('.person-face .face-crop img')).toHaveLength(2));
    const crop = document.querySelector<HTMLImageElement>('.person-face .face-crop img');
    expect(crop?.getAttribute('src')).toMatch(/thumb/);
    expect(Number.parseFloat(crop?.style.width ?? '')).toBeGreaterThan(100);

    const tile = tiles()[0] as HTMLElement;
    const id = Number(tile.dataset.personId);
    fireEvent.click(within(tile).getByRole('button', { name: 'Unnamed: rename' }));
    let input = within(tile).getByRole('textbox', { name: 'Name' });
    fireEvent.change(input, { target: { value: 'Nobody' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(within(tile).queryByRole('textbox')).toBeNull();
    // The keyboard is back on the name, where it was.
    await waitFor(() => expect(document.activeElement).toBe(within(tile).getByRole('button', { name: 'Unnamed: rename' })));
    expect((await library.call('people.list', {})).find((p) => p.id === id)?.name).toBeNull();

    fireEvent.click(within(tile).getByRole('button', { name: 'Unnamed: rename' }));
    input = within(tile).getByRole('textbox', { name: 'Name' });
    fireEvent.change(input, { target: { value: 'Alice Smith' } });
    await act(async () => void fireEvent.submit(input.closest('form') as HTMLFormElement));
    await screen.findByText('Named “Alice Smith”');
    await waitFor(() => expect(tiles()[0]?.textContent).toContain('Alice Smith'));
    expect((await library.call('people.list', {})).find((p) => p.id === id)).toMatchObject({ name: 'Alice Smith', faces: 3 });

    // Opening a named person searches for their photos.
    fireEvent.click(within(tiles()[0] as HTMLElement).getByRole('button', { name: 'Photos of Alice Smith' }));
    await screen.findByText('3 photos match');
    expect(window.location.hash).toBe(`#/search?q=${encodeURIComponent('person:"Alice Smith"')}`);
  });

  it('draws the faces on a photo with their names; names one from there and takes one out', async () => {
    const all = await library.call('photos.search', { query: '', limit: 10 });
    const details = await Promise.all(all.results.map((p) => library.call('photos.get', { id: p.id })));
    const unnamed = details.filter((p) => p.faces.length === 1 && p.faces[0]?.personId !== null && p.faces[0]?.personName === null);
    const [photo, other] = unnamed;
    expect(unnamed).toHaveLength(3);
    const personId = photo?.faces[0]?.personId as number;

    renderApp(library, `#/photo/${photo?.id}`);
    const frame = await screen.findByRole('button', { name: 'Face: Unnamed' });
    // The frame sits on the face: its box is the face's, as a share of the image.
    const [x1, y1, x2] = photo?.faces[0]?.box ?? [0, 0, 0];
    expect(frame.style.left).toBe(`${x1 * 100}%`);
    expect(frame.style.top).toBe(`${y1 * 100}%`);
    expect(frame.style.width).toBe(`${(x2 - x1) * 100}%`);
    expect(frame.textContent).toBe('Unnamed');

    fireEvent.click(frame);
    const panel = within(screen.getByRole('region', { name: 'People in this photo' }));
    const input = panel.getByLabelText('Who is this?');
    await panel.findByText(/The name goes to this face and the 2 other faces grouped with it/);
    fireEvent.change(input, { target: { value: 'Bob' } });
    await act(async () => void fireEvent.submit(input.closest('form') as HTMLFormElement));
    await screen.findByRole('button', { name: 'Face: Bob' });
    expect((await library.call('people.list', {})).find((p) => p.id === personId)).toMatchObject({ name: 'Bob', faces: 3 });
    cleanup();

    // Another photo of the group: now Bob; "not Bob" takes that face out, for good.
    renderApp(library, `#/photo/${other?.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Face: Bob' }));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Not Bob' })));
    await screen.findByRole('button', { name: 'Face: Unknown' });
    expect((await library.call('photos.get', { id: other?.id as number })).faces[0]).toMatchObject({ personId: null });
    expect((await library.call('photos.search', { query: 'person:bob' })).total).toBe(2);
    fireEvent.click(screen.getByRole('button', { name: 'Face: Unknown' }));
    screen.getByText(/has not matched this face to anyone yet/);
  });

  it('merges two selected people after a confirmation, keeping the name, and a regrouping keeps it', async () => {
    renderApp(library, '#/people');
    await screen.findByText('2 people · named first, then the most seen');
    expect(screen.queryByRole('button', { name: 'Merge' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Alice Smith' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Bob' }));
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    screen.getByText(/Merge “Bob” into “Alice Smith”\? The merged person is called “Alice Smith”\./);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Merge' })));
    await screen.findByText('Merged into “Alice Smith”: seen 5 times');
    await screen.findByText('1 person · named first, then the most seen');
    expect(await library.call('people.list', {})).toMatchObject([{ name: 'Alice Smith', faces: 5 }]);

    // Grouping again keeps what the user decided: the merged person, and the face taken out stays out.
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Group faces again' })));
    await screen.findByText('Grouped 6 faces into 1 person; 1 not like anyone else yet');
    expect(await library.call('people.list', {})).toMatchObject([{ name: 'Alice Smith', faces: 5 }]);
  });

  it('hides a person, and undoes; says who a single face is from the photo view; asks "Is this Bob?" in Review; every step undoable', async () => {
    const lastUndo = () => screen.getAllByRole('button', { name: 'Undo' }).at(-1) as HTMLElement;
    renderApp(library, '#/people');
    await screen.findByText('1 person · named first, then the most seen');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Hide Alice Smith' })));
    await screen.findByText(/Everyone here is hidden/);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Show hidden (1)' }));
    await screen.findByRole('button', { name: 'Show Alice Smith' });
    await act(async () => void fireEvent.click(lastUndo()));
    await screen.findByText(/Undone: Hid Alice Smith/);
    expect((await library.call('people.list', {}))[0]?.hidden).toBe(false);
    // The merge, undone: Bob is back with his two faces (the one taken out stays out).
    expect(await library.call('people.undo', {})).toMatchObject({ kind: 'merge' });
    expect((await library.call('people.list', {})).map((p) => [p.name, p.faces])).toEqual([['Alice Smith', 3], ['Bob', 2]]);
    cleanup();

    // The face in no group: "This is…" with the names so far; then Undo.
    const all = await library.call('photos.search', { query: '', limit: 10 });
    const details = await Promise.all(all.results.map((p) => library.call('photos.get', { id: p.id })));
    const loose = details.find((p) => p.faces[0]?.personId === null);
    renderApp(library, `#/photo/${loose?.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Face: Unknown' }));
    const panel = within(screen.getByRole('region', { name: 'People in this photo' }));
    const input = panel.getByLabelText('This is…');
    await waitFor(() => expect([...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['Alice Smith', 'Bob']));
    fireEvent.change(input, { target: { value: 'Bob' } });
    await act(async () => void fireEvent.submit(input.closest('form') as HTMLFormElement));
    await screen.findByRole('button', { name: 'Face: Bob' });
    expect((await library.call('photos.search', { query: 'person:bob' })).total).toBe(3);
    await act(async () => void fireEvent.click(lastUndo()));
    await screen.findByRole('button', { name: 'Face: Unknown' });
    expect((await library.call('photos.search', { query: 'person:bob' })).total).toBe(2);
    cleanup();

    // Back to Bob's group unnamed; one of its faces moved alone to "Bob" from the photo view.
    expect(await library.call('people.undo', {})).toMatchObject({ kind: 'removeFace' });
    expect(await library.call('people.undo', {})).toMatchObject({ kind: 'name', label: 'Named Bob' });
    const group = (await library.call('people.list', {})).find((p) => p.name === null);
    expect(group?.faces).toBe(3);
    renderApp(library, `#/photo/${group?.examplePhotoId}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Face: Unnamed' }));
    const only = within(screen.getByRole('region', { name: 'People in this photo' })).getByLabelText('This is…');
    fireEvent.change(only, { target: { value: 'Bob' } });
    await act(async () => void fireEvent.submit(only.closest('form') as HTMLFormElement));
    await screen.findByRole('button', { name: 'Face: Bob' });
    await screen.findByText(/This face is now “Bob”; Phototag will not put it back in its old group/);
    expect((await library.call('people.list', {})).map((p) => [p.name, p.faces])).toEqual([['Alice Smith', 3], ['Bob', 1], [null, 2]]);
    cleanup();

    // Review asks about the two faces left in the unnamed group: they look like Bob.
    renderApp(library, '#/review');
    await screen.findByText(/2 faces that look like someone you named/);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Yes, Bob' })));
    await screen.findByText(/The last face that looks like someone you named/);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'No' })));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Is this someone you named?' })).toBeNull());
    expect((await library.call('people.list', {})).find((p) => p.name === 'Bob')?.faces).toBe(2);
    expect(await library.call('people.suggestions', {})).toEqual([]);
    await act(async () => void fireEvent.click(lastUndo()));
    await screen.findByText(/The last face that looks like someone you named/);
  });
  it('turns face recognition off only after asking, erasing the descriptors and keeping the named people', async () => {
    renderApp(library, '#/people');
    const box = await screen.findByRole('checkbox', { name: /Recognise faces and group them into people/ });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    // Nothing changed yet: the screen asks first, and "Keep it on" leaves it so.
    await screen.findByText(/Turn off face recognition\?/);
    expect(await library.call('people.recognition', {})).toMatchObject({ faceRecognition: true });
    fireEvent.click(screen.getByRole('button', { name: 'Keep it on' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: /Recognise faces/ }));
    await act(async () => void fireEvent.click(await screen.findByRole('button', { name: 'Turn off and erase' })));
    await screen.findByText(/Face recognition is off: the face descriptors of \d+ photos were erased/);
    expect(await library.call('people.recognition', {})).toMatchObject({ faceRecognition: false });
    await waitFor(() => expect((screen.getByRole('checkbox', { name: /Recognise faces/ }) as HTMLInputElement).checked).toBe(false));
    // The people the user named keep the faces they named; the model's groups are gone with the descriptors.
    expect((await library.call('people.list', {})).every((p) => p.name !== null)).toBe(true);
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: /Recognise faces/ })));
    await screen.findByText(/Face recognition is on: \d+ photos? with faces will be described/);
    expect(await library.call('people.recognition', {})).toMatchObject({ faceRecognition: true });
  });
});
