import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import type { PhotoTextReader, PhotoWord } from '../../../electron/core/text/TextPass.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

const cocoPhotos = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg', '000000000034.jpg', '000000000036.jpg', '000000000042.jpg', '000000000049.jpg'];

/**
 * A reader standing in for tesseract (the pass's scheduling is under test, not the reading): it names each photo by
 * its width and height, takes a while over each, and records how many readings overlap.
 */
function timedReaders(options: { failClose?: boolean } = {}) {
  const state = { open: 0, closed: 0, reading: 0, mostAtOnce: 0, reads: 0 };
  const open = async (): Promise<PhotoTextReader> => {
    state.open += 1;
    const failClose = options.failClose === true && state.open === 1;
    return {
      read: async (image) => {
        state.reads += 1;
        state.reading += 1;
        state.mostAtOnce = Math.max(state.mostAtOnce, state.reading);
        await new Promise((resolve) => setTimeout(resolve, 80));
        state.reading -= 1;
        const words: PhotoWord[] = [{ text: `size${image.width}x${image.height}`, confidence: 90, box: { x: 0.1, y: 0.1, width: 0.3, height: 0.05 } }];
        return { words };
      },
      close: async () => {
        state.closed += 1;
        if (failClose) throw new Error('this reader cannot close');
      },
    };
  };
  return { open, state };
}

describe('the text pass with several readers', () => {
  const temps: { cleanup: () => void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  async function indexedLibrary(textReader: () => Promise<PhotoTextReader>, textReaders: number): Promise<LibraryService> {
    const temp = makeTempDir('phototag-textlanes-');
    temps.push(temp);
    const photos = path.join(temp.dir, 'photos');
    fs.mkdirSync(photos, { recursive: true });
    for (const name of cocoPhotos) fs.copyFileSync(sharedData('coco', 'images', name), path.join(photos, name));
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer: new PixelAnalyzer(), textReader, textReaders, geocoder: null });
    library.addFolder(photos);
    await library.index();
    return library;
  }

  it('reads photos two at a time, each once, and stores every reading with its photo', async () => {
    const readers = timedReaders();
    const library = await indexedLibrary(readers.open, 2);
    try {
      expect(await library.readText()).toEqual({ read: cocoPhotos.length, remaining: 0 });
      expect(readers.state.reads).toBe(cocoPhotos.length);
      expect(readers.state.mostAtOnce).toBe(2);
      expect(readers.state.open).toBe(2);
      expect(readers.state.closed).toBe(2);
      // Each photo holds the words its own pixels gave, not another lane's.
      for (const name of cocoPhotos) {
        const detail = library.describePhoto(path.join(library.db.folders.list()[0]!.path, name));
        expect(detail.text?.fullText).toBe(`size${detail.width}x${detail.height}`);
      }
      expect(library.search('has:text', { limit: 20, offset: 0 }).total).toBe(cocoPhotos.length);
    } finally {
      library.close();
    }
  }, 120_000);

  it('closes every reader when one of them fails to close', async () => {
    const readers = timedReaders({ failClose: true });
    const library = await indexedLibrary(readers.open, 3);
    try {
      expect(await library.readText()).toEqual({ read: cocoPhotos.length, remaining: 0 });
      expect(readers.state.mostAtOnce).toBe(3);
      expect(readers.state.closed).toBe(3);
    } finally {
      library.close();
    }
  }, 120_000);

  it('reads one at a time with one reader', async () => {
    const readers = timedReaders();
    const library = await indexedLibrary(readers.open, 1);
    try {
      expect(await library.readText()).toEqual({ read: cocoPhotos.length, remaining: 0 });
      expect(readers.state.mostAtOnce).toBe(1);
      expect(readers.state.open).toBe(1);
    } finally {
      library.close();
    }
  }, 120_000);
});
