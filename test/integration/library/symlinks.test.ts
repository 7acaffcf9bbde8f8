import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile, OutsideLibraryError } from '../../../electron/core/adapters/photoFiles.js';
import { thumbnailPath } from '../../../electron/core/imaging/writeThumbnails.js';
import { LibraryError } from '../../../electron/core/library/errors.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { reconcileFile } from '../../../electron/core/library/reconcile.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { resolveMedia } from '../../../electron/core/media/resolveMedia.js';
import { decodeStage } from '../../../electron/core/pipeline/analyzePhoto.js';
import { pipelineVersionFor } from '../../../electron/core/pipeline/pipelineVersion.js';
import { runCli } from '../../helpers/cli.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir, sha256File, waitFor } from '../../helpers/tempDirs.js';

const coco = () => sharedData('coco', 'images');
const names = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg', '000000000036.jpg'];
const passwd = '/etc/passwd';

/**
 * A library folder next to a folder outside it, with the links a user (or anyone who can write into the library
 * folder) could plant: to a real photo elsewhere, to a system file named like a photo, and to a whole folder.
 */
function plantLinks(lib: string, elsewhere: string): { outsidePhoto: string; links: string[] } {
  const [outsidePhoto] = copyPhotos(coco(), elsewhere, [names[3] as string]);
  copyPhotos(coco(), path.join(elsewhere, 'more'), [names[4] as string]);
  const links = [path.join(lib, 'linked.jpg'), path.join(lib, 'passwd.jpg'), path.join(lib, 'linkdir')];
  fs.symlinkSync(outsidePhoto as string, links[0] as string);
  fs.symlinkSync(passwd, links[1] as string);
  fs.symlinkSync(path.join(elsewhere, 'more'), links[2] as string);
  return { outsidePhoto: outsidePhoto as string, links };
}

/** Nothing from outside the library folder made it in: no row, no content hash, no thumbnail, no served file. */
function expectNothingFromOutside(library: LibraryService, lib: string, outsideFiles: string[]): void {
  const all = library.search('', { limit: 100, offset: 0 }).results;
  for (const photo of all) {
    expect(path.dirname(photo.path)).toBe(lib);
    expect(fs.lstatSync(photo.path).isSymbolicLink()).toBe(false);
  }
  expect(library.status().failures).toEqual([]);
  for (const file of outsideFiles) {
    const hash = sha256File(file);
    expect(library.db.photos.byHash(hash), `${file} was hashed into the library`).toEqual([]);
    for (const size of [256, 1024]) expect(fs.existsSync(thumbnailPath(library.paths.thumbnails, hash, size))).toBe(false);
  }
  const source = { library: library.db, thumbnailsDir: library.paths.thumbnails };
  for (const photo of all) {
    const original = resolveMedia(source, { kind: 'original', photoId: photo.id });
    expect(original).toMatchObject({ ok: true, file: photo.path });
  }
}

describe('links inside a library folder, while the library is watched', () => {
  const temp = makeTempDir();
  const lib = path.join(temp.dir, 'lib');
  const elsewhere = path.join(temp.dir, 'elsewhere');
  let library: LibraryService;
  const controller = new AbortController();
  let watching: Promise<void>;
  const settled = () => library.db.jobs.counts().queued === 0 && library.db.jobs.counts().running === 0 && library.status().photos.queued === 0;

  beforeAll(async () => {
    copyPhotos(coco(), lib, names.slice(0, 2));
    fs.mkdirSync(elsewhere);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null), watch: { stabilityMs: 200 } });
    library.addFolder(lib);
    watching = library.watch(controller.signal);
    await waitFor(() => library.status().photos.indexed === 2, 'the initial scan to index 2 photos');
  });

  afterAll(async () => {
    controller.abort();
    await watching;
    library.close();
    temp.cleanup();
  });

  it('indexes, hashes and serves none of them, and goes on with the real photos', async () => {
    const { outsidePhoto, links } = plantLinks(lib, elsewhere);
    // A real photo added after the links: once it is indexed, the watcher has handled the links before it.
    copyPhotos(coco(), lib, [names[2] as string]);
    await waitFor(() => library.db.photos.byPath(path.join(lib, names[2] as string))?.state === 'indexed', 'the real photo after the links to be indexed');
    await waitFor(settled, 'the queue to drain');
    for (const link of links) expect(library.db.photos.byPath(link)).toBeUndefined();
    expect(library.db.photos.byPath(path.join(links[2] as string, names[4] as string))).toBeUndefined();
    expect(library.status().photos.total).toBe(3);
    expectNothingFromOutside(library, lib, [outsidePhoto, passwd, path.join(elsewhere, 'more', names[4] as string)]);
  });

  it('refuses to serve or read again a photo whose file was swapped for a link out of the library', async () => {
    const file = path.join(lib, names[0] as string);
    const photo = library.db.photos.byPath(file);
    expect(photo?.state).toBe('indexed');
    fs.rmSync(file);
    fs.symlinkSync(passwd, file);
    const original = resolveMedia({ library: library.db, thumbnailsDir: library.paths.thumbnails }, { kind: 'original', photoId: photo!.id });
    expect(original).toMatchObject({ ok: false, status: 403, reason: expect.stringMatching(/symbolic link/) });
    // The watcher sees a link where the photo was: the photo is gone from the library, not read through it.
    await waitFor(() => library.db.photos.byPath(file)?.state === 'missing', 'the swapped photo to leave the library');
    expect(library.db.photos.byHash(sha256File(passwd))).toEqual([]);
  });
});

describe('links inside a library folder, on a one-pass index', () => {
  it('indexes only the real photos', async () => {
    const temp = makeTempDir();
    const lib = path.join(temp.dir, 'lib');
    copyPhotos(coco(), lib, names.slice(0, 2));
    const { outsidePhoto } = plantLinks(lib, path.join(temp.dir, 'elsewhere'));
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null) });
    try {
      library.addFolder(lib);
      const summary = await library.index();
      expect(summary).toMatchObject({ added: 2, done: 2, failed: 0 });
      expectNothingFromOutside(library, lib, [outsidePhoto, passwd]);
    } finally {
      library.close();
      temp.cleanup();
    }
  });
});

describe('a photo is never opened through a link out of the library', () => {
  const temp = makeTempDir();
  const lib = path.join(temp.dir, 'lib');
  const elsewhere = path.join(temp.dir, 'elsewhere');
  let library: LibraryService;
  let planted: { outsidePhoto: string; links: string[] };
  beforeAll(() => {
    fs.mkdirSync(lib);
    planted = plantLinks(lib, elsewhere);
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null) });
    library.addFolder(lib);
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('not to hash it: a path through a linked folder is outside, whatever the watcher reports', async () => {
    const throughLinkedDir = path.join(planted.links[2] as string, names[4] as string);
    await expect(hashFile(throughLinkedDir, [lib])).rejects.toBeInstanceOf(OutsideLibraryError);
    await expect(hashFile(planted.links[1] as string, [lib])).rejects.toThrow(/symbolic link/);
    const stat = fs.statSync(throughLinkedDir);
    const ctx = { library: library.db, now: () => Date.now(), pipelineVersion: pipelineVersionFor(null) };
    const outcome = await reconcileFile(ctx, { path: throughLinkedDir, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) }, library.folders());
    expect(outcome).toBe('outside');
    expect(library.db.photos.byPath(throughLinkedDir)).toBeUndefined();
  });

  it('not to decode or thumbnail it: a queued photo swapped for a link is gone, not read', async () => {
    const link = planted.links[0] as string;
    const contentHash = sha256File(planted.outsidePhoto);
    const thumbnailsDir = path.join(temp.dir, 'thumbs');
    const outcome = await decodeStage({ jobId: 1, photoId: 1, path: link, contentHash, mtimeMs: 0 }, { thumbnailsDir, maxPixels: 1e8, libraryFolders: [lib] });
    expect(outcome).toMatchObject({ ok: false, kind: 'vanished', reason: expect.stringMatching(/symbolic link/) });
    expect(fs.existsSync(thumbnailsDir)).toBe(false);
  });
});

describe('library folders given through links, and the folder-overlap check', () => {
  const temp = makeTempDir();
  let library: LibraryService;
  beforeAll(() => {
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), logger: createLogger(null) });
  });
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('stores a folder added through a link by its real path, and removes it through the link or the real path', () => {
    const real = path.join(temp.dir, 'real-photos');
    const link = path.join(temp.dir, 'photos-link');
    fs.mkdirSync(real);
    fs.symlinkSync(real, link);
    expect(library.addFolder(link).path).toBe(real);
    expect(library.removeFolder(link)).toBe(real);
    expect(library.folders()).toEqual([]);
    library.addFolder(link);
    library.removeFolder(real);
    expect(library.folders()).toEqual([]);
  });

  it('removes a folder added through a link after the folder itself was deleted', () => {
    const parent = path.join(temp.dir, 'parent');
    const linkedParent = path.join(temp.dir, 'parent-link');
    fs.mkdirSync(path.join(parent, 'gone'), { recursive: true });
    fs.symlinkSync(parent, linkedParent);
    expect(library.addFolder(path.join(linkedParent, 'gone')).path).toBe(path.join(parent, 'gone'));
    fs.rmdirSync(path.join(parent, 'gone'));
    library.removeFolder(path.join(linkedParent, 'gone'));
    expect(library.folders()).toEqual([]);
  });

  it('refuses / after a folder below it, and a folder below / after it, as overlapping', () => {
    const below = path.join(temp.dir, 'below');
    fs.mkdirSync(below);
    library.addFolder(below);
    expect(() => library.addFolder('/')).toThrow(LibraryError);
    expect(() => library.addFolder('/')).toThrow(/overlaps/);
    library.removeFolder(below);
    library.addFolder('/');
    expect(() => library.addFolder(below)).toThrow(/overlaps/);
    library.removeFolder('/');
    expect(library.folders()).toEqual([]);
  });
});

describe('the CLI with a folder given through a link, and with /', () => {
  it('adds and removes it by its real path, and refuses / beside it', () => {
    const temp = makeTempDir();
    const cli = (...args: string[]) => runCli(['--data-dir', path.join(temp.dir, 'data'), ...args]);
    try {
      const real = path.join(temp.dir, 'real-photos');
      const link = path.join(temp.dir, 'photos-link');
      fs.mkdirSync(real);
      fs.symlinkSync(real, link);
      expect(cli('add', link, '--json')).toMatchObject({ status: 0, stdout: expect.stringContaining(JSON.stringify(real)) });
      const root = cli('add', '/');
      expect(root.status).toBe(1);
      expect(root.stderr).toMatch(/overlaps/);
      expect(cli('remove', link)).toMatchObject({ status: 0, stdout: expect.stringContaining(`Removed ${real} from the library`) });
    } finally {
      temp.cleanup();
    }
  });
});
