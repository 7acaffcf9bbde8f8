import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseFolders, type BrowseRoots } from '../../../electron/core/folders/browseFolders.js';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { LibraryHost } from '../../../electron/core/host/LibraryHost.js';
import { isSameOrInside } from '../../../electron/core/paths/isInside.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { callError, callOk } from '../api/hostHelpers.js';

/** The error kind a browse throws, or 'none'. */
function kindOf(run: () => unknown): string {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof LibraryError) return error.kind;
    throw error;
  }
}

/**
 * The web UI's folder browser on a real file system: a temp "home" with photo folders, a hidden folder, links that
 * stay inside and links that lead out, and a library folder elsewhere.
 */
describe('browsing folders from the web UI', () => {
  const temp = makeTempDir('phototag-browse-');
  const home = path.join(temp.dir, 'home');
  const outside = path.join(temp.dir, 'elsewhere');
  const libraryFolder = path.join(temp.dir, 'disk', 'Archive');
  const roots: BrowseRoots = { home, libraryFolders: [libraryFolder] };

  beforeAll(() => {
    for (const dir of ['Pictures/2019', 'Pictures/2020', 'Documents', '.cache/thumbs']) fs.mkdirSync(path.join(home, dir), { recursive: true });
    fs.writeFileSync(path.join(home, 'Pictures', 'not-a-folder.jpg'), 'x');
    fs.mkdirSync(path.join(outside, 'secret'), { recursive: true });
    fs.mkdirSync(path.join(libraryFolder, 'Scans'), { recursive: true });
    fs.symlinkSync(path.join(home, 'Pictures', '2019'), path.join(home, 'Latest'));
    fs.symlinkSync(outside, path.join(home, 'Escape'));
    fs.symlinkSync(outside, path.join(home, 'Pictures', 'escape-too'));
  });
  afterAll(() => temp.cleanup());

  it('starts at home and lists its folders by name, hidden ones only when asked', () => {
    const listing = browseFolders({}, roots);
    expect(listing.path).toBe(home);
    expect(listing.parent).toBeNull();
    expect(listing.roots).toEqual([home, libraryFolder]);
    expect(listing.folders.map((f) => f.name)).toEqual(['Documents', 'Latest', 'Pictures']);
    // A link is listed under its name and opens at its real path.
    expect(listing.folders.find((f) => f.name === 'Latest')?.path).toBe(path.join(home, 'Pictures', '2019'));
    expect(browseFolders({ showHidden: true }, roots).folders.map((f) => f.name)).toEqual(['.cache', 'Documents', 'Latest', 'Pictures']);
  });

  it('lists only folders, and goes up until the root it is in', () => {
    const pictures = browseFolders({ path: path.join(home, 'Pictures') }, roots);
    expect(pictures.folders.map((f) => f.name)).toEqual(['2019', '2020']);
    expect(pictures.parent).toBe(home);
    const scans = browseFolders({ path: path.join(libraryFolder, 'Scans') }, roots);
    expect(scans.parent).toBe(libraryFolder);
    expect(browseFolders({ path: libraryFolder }, roots).parent).toBeNull();
  });

  it('refuses anything outside home and the library folders, by a link, by `..` or directly', () => {
    expect(kindOf(() => browseFolders({ path: outside }, roots))).toBe('folder-not-browsable');
    expect(kindOf(() => browseFolders({ path: path.join(home, 'Escape') }, roots))).toBe('folder-not-browsable');
    expect(kindOf(() => browseFolders({ path: path.join(home, 'Escape', 'secret') }, roots))).toBe('folder-not-browsable');
    expect(kindOf(() => browseFolders({ path: `${home}/../elsewhere` }, roots))).toBe('folder-not-browsable');
    // Even a `..` that would land back inside is refused as written.
    expect(kindOf(() => browseFolders({ path: `${home}/Pictures/../Documents` }, roots))).toBe('folder-not-browsable');
    expect(kindOf(() => browseFolders({ path: '/' }, roots))).toBe('folder-not-browsable');
    expect(kindOf(() => browseFolders({ path: 'Pictures' }, roots))).toBe('bad-request');
    expect(kindOf(() => browseFolders({ path: path.join(home, 'Nope') }, roots))).toBe('folder-not-found');
    expect(kindOf(() => browseFolders({ path: path.join(home, 'Pictures', 'not-a-folder.jpg') }, roots))).toBe('not-a-folder');
    // A link that leads out is not even offered.
    expect(browseFolders({ path: path.join(home, 'Pictures') }, roots).folders.map((f) => f.name)).not.toContain('escape-too');
  });

  it('answers through the contract: the library folders may be browsed, other folders outside home may not', async () => {
    // The host's home is the real one (os.homedir()); the temp dir is outside it, as a second disk would be.
    expect(isSameOrInside(temp.dir, os.homedir())).toBe(false);
    const host = await LibraryHost.open({ dataDir: path.join(temp.dir, 'data'), analyzer: null, watch: false });
    try {
      await callOk(host, 'folders.add', { path: libraryFolder });
      const listing = await callOk(host, 'folders.browse', { path: libraryFolder });
      expect(listing.folders.map((f) => f.name)).toEqual(['Scans']);
      expect(listing.roots).toContain(libraryFolder);
      expect((await callError(host, 'folders.browse', { path: outside })).kind).toBe('folder-not-browsable');
      expect((await callError(host, 'folders.browse', { path: `${libraryFolder}/../../elsewhere` })).kind).toBe('folder-not-browsable');
      expect((await callOk(host, 'folders.browse', {})).path).toBe(fs.realpathSync(os.homedir()));
    } finally {
      await host.close();
    }
  });
});
