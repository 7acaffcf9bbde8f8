import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PhototagClient } from '../../../renderer/src/api/client.js';
import { ClientProvider } from '../../../renderer/src/api/ClientContext.js';
import { App } from '../../../renderer/src/App.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { openTestLibrary, renderApp, type TestLibrary } from './harness.js';

/** The Library screen's ways to add a folder without typing its path, over a real host and a real temp "home". */
describe('adding a folder without typing its path', () => {
  const temp = makeTempDir('phototag-ui-home-');
  const home = path.join(temp.dir, 'home');
  const savedHome = process.env.HOME;
  let library: TestLibrary;

  beforeAll(async () => {
    for (const dir of ['Pictures/Trip', 'Pictures/Family', 'Music', '.config']) fs.mkdirSync(path.join(home, dir), { recursive: true });
    // The server's home folder (os.homedir() reads HOME) is the browser's starting place and limit.
    process.env.HOME = home;
    library = await openTestLibrary(0);
  });
  afterAll(async () => {
    await library.close();
    process.env.HOME = savedHome;
    temp.cleanup();
  });
  afterEach(() => cleanup());

  it('browses from home into a subfolder and adds it', async () => {
    renderApp(library, '#/library');
    fireEvent.click(await screen.findByRole('button', { name: 'Browse…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Choose a folder' }));
    const folders = dialog.getByRole('list', { name: 'Folders' });
    await waitFor(() => expect(within(folders).getAllByRole('button').map((b) => b.textContent)).toEqual(['Music', 'Pictures']));
    fireEvent.click(dialog.getByRole('checkbox', { name: 'Show hidden folders' }));
    await waitFor(() => expect(within(folders).getAllByRole('button').map((b) => b.textContent)).toEqual(['.config', 'Music', 'Pictures']));

    fireEvent.click(within(folders).getByRole('button', { name: 'Pictures' }));
    await waitFor(() => expect(within(folders).queryByRole('button', { name: 'Trip' })).not.toBeNull());
    expect(within(folders).getByRole('button', { name: /Up to home/ })).toBeTruthy();
    fireEvent.click(within(folders).getByRole('button', { name: 'Trip' }));
    const add = await dialog.findByRole('button', { name: 'Add “Trip”' });
    fireEvent.click(add);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await screen.findByText(path.join(home, 'Pictures', 'Trip'), { selector: '.folder-path' });
    expect((await library.call('library.status', {})).folders.map((f) => f.path)).toEqual([path.join(home, 'Pictures', 'Trip')]);
  });

  it('closes with Escape, adding nothing', async () => {
    renderApp(library, '#/library');
    fireEvent.click(await screen.findByRole('button', { name: 'Browse…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Choose a folder' });
    await within(dialog).findByRole('button', { name: 'Music' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await library.call('library.status', {})).folders).toHaveLength(1);
  });

  it('in the desktop app, uses the native picker and adds folders dropped onto the window', async () => {
    const dropped = path.join(home, 'Pictures', 'Family');
    const music = path.join(home, 'Music');
    const client = new PhototagClient({
      call: (method, input) => library.host.call(method, input),
      subscribe: (listener) => library.host.subscribe(listener),
      pickFolder: async () => music,
      // What the preload's webUtils answers: the dropped folder's path.
      pathForFile: (file) => ((file as File).name === 'Family' ? dropped : null),
    });
    window.location.hash = '#/library';
    render(
      <ClientProvider client={client}>
        <App />
      </ClientProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Choose folder…' }));
    await screen.findByText(music, { selector: '.folder-path' });

    window.location.hash = '#/tags';
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [new File([], 'Family')] } });
    window.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await screen.findByText(dropped, { selector: '.folder-path' });
    expect((await library.call('library.status', {})).folders.map((f) => f.path).sort()).toEqual([music, dropped, path.join(home, 'Pictures', 'Trip')].sort());
  });
});
