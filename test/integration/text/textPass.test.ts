import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import { openTextReader } from '../../../electron/core/text/openTextReader.js';
import type { AnalyzerInput, PhotoAnalysis } from '../../../electron/core/pipeline/PhotoAnalyzer.js';
import type { PhotoTextReader } from '../../../electron/core/text/TextPass.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { photoWithSign } from '../../helpers/signPhotos.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

/** The real reader (tesseract.js, in the library's languages), counting the photos it is asked to read. */
function countingReader(): { open: (languages: readonly string[]) => Promise<PhotoTextReader>; reads: () => number } {
  let reads = 0;
  return {
    reads: () => reads,
    open: async (languages) => {
      const reader = await openTextReader(languages);
      return {
        read: (image, options) => {
          reads += 1;
          return reader.read(image, options);
        },
        close: () => reader.close(),
      };
    },
  };
}

describe('the background text pass, through the library with the real reader', () => {
  const temp = makeTempDir('phototag-textpass-');
  const photos = path.join(temp.dir, 'photos');
  const reader = countingReader();
  let library: LibraryService;
  const found = (query: string) => library.search(query, { limit: 20, offset: 0 }).results.map((r) => path.basename(r.path)).sort();

  beforeAll(async () => {
    fs.mkdirSync(photos, { recursive: true });
    await photoWithSign('000000000009.jpg', 'BAKERY OPEN', 64, path.join(photos, 'bakery.jpg'));
    await photoWithSign('000000000025.jpg', 'Harbour Ticket', 40, path.join(photos, 'harbour.jpg'));
    fs.copyFileSync(sharedData('coco', 'images', '000000000030.jpg'), path.join(photos, 'vase.jpg'));
    library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer: new PixelAnalyzer(), textReader: reader.open, geocoder: null });
    library.addFolder(photos);
    await library.index();
  }, 120_000);
  afterAll(() => {
    library.close();
    temp.cleanup();
  });

  it('indexes by tags first: no text is read while indexing, every photo waits for the pass', () => {
    expect(library.search('tag:light', { limit: 10, offset: 0 }).total + library.search('tag:dark', { limit: 10, offset: 0 }).total).toBe(3);
    expect(reader.reads()).toBe(0);
    expect(library.textLeft()).toBe(3);
    expect(found('has:text')).toEqual([]);
  });

  it('reads the photos, then text: finds them by the words on them', async () => {
    const progress = await library.readText();
    expect(progress).toEqual({ read: 3, remaining: 0 });
    expect(reader.reads()).toBeGreaterThanOrEqual(2);
    expect(found('text:bakery')).toEqual(['bakery.jpg']);
    expect(found('text:harbour')).toEqual(['harbour.jpg']);
    expect(found('has:text')).toEqual(['bakery.jpg', 'harbour.jpg']);
    const detail = library.describePhoto(path.join(photos, 'bakery.jpg'));
    expect(detail.text?.fullText.toLowerCase()).toContain('bakery');
    for (const word of detail.text?.words ?? []) {
      expect(word.box.x).toBeGreaterThanOrEqual(0);
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(1.001);
    }
  }, 120_000);

  it('does not read again on a re-index, nor on a second pass', async () => {
    const before = reader.reads();
    await library.index();
    expect(library.textLeft()).toBe(0);
    expect(await library.readText()).toEqual({ read: 0, remaining: 0 });
    expect(reader.reads()).toBe(before);
  }, 120_000);

  it('reads a changed photo again, and reads nothing while the setting is off', async () => {
    await photoWithSign('000000000030.jpg', 'garden museum', 48, path.join(photos, 'vase.jpg'));
    await library.index();
    expect(library.textLeft()).toBe(1);
    library.setTextReading(false);
    const before = reader.reads();
    expect(await library.readText()).toEqual({ read: 0, remaining: 1 });
    expect(reader.reads()).toBe(before);
    expect(found('text:museum')).toEqual([]);
    library.setTextReading(true);
    expect(await library.readText()).toEqual({ read: 1, remaining: 0 });
    expect(found('text:museum')).toEqual(['vase.jpg']);
  }, 120_000);
});

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 120_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** The pixel analyzer taking a while over each photo, so a new photo keeps the index busy long enough to be seen. */
class UnhurriedAnalyzer extends PixelAnalyzer {
  override async analyzeBatch(inputs: readonly AnalyzerInput[]): Promise<PhotoAnalysis[]> {
    await new Promise((r) => setTimeout(r, 600));
    return super.analyzeBatch(inputs);
  }
}

describe('the text pass while watching', () => {
  const temp = makeTempDir('phototag-textwatch-');
  const photos = path.join(temp.dir, 'photos');
  afterAll(() => temp.cleanup());

  it('yields at once to a newly queued photo: the reading under way is withdrawn, nothing of it stored, and read again later', async () => {
    fs.mkdirSync(photos, { recursive: true });
    await photoWithSign('000000000009.jpg', 'BAKERY OPEN', 64, path.join(photos, 'bakery.jpg'));
    // The real reader, its first reading held until the pass withdraws it.
    let held = true;
    let withdrawn = 0;
    const textReader = async (languages: readonly string[]): Promise<PhotoTextReader> => {
      const reader = await openTextReader(languages);
      return {
        read: async (image, options) => {
          if (held) {
            held = false;
            await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
            withdrawn += 1;
          }
          return reader.read(image, options);
        },
        close: () => reader.close(),
      };
    };
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer: new UnhurriedAnalyzer(), textReader, geocoder: null, watch: { stabilityMs: 200 } });
    const controller = new AbortController();
    try {
      library.addFolder(photos);
      const watching = library.watch(controller.signal);
      const bakery = () => library.db.photos.byPath(path.join(photos, 'bakery.jpg'));
      await waitFor(() => bakery()?.state === 'indexed' && !held, 'the first reading to start');
      expect(library.textProgress()).toMatchObject({ read: 0, remaining: 1 });

      await photoWithSign('000000000025.jpg', 'Harbour Ticket', 40, path.join(photos, 'harbour.jpg'));
      await waitFor(() => withdrawn === 1, 'the reading to be withdrawn for the new photo');
      const harbour = () => library.db.photos.byPath(path.join(photos, 'harbour.jpg'));
      await waitFor(() => harbour()?.state === 'indexed', 'the new photo to be indexed');
      await waitFor(() => library.textProgress()?.remaining === 0, 'both photos to be read');
      expect(library.textProgress()).toMatchObject({ read: 2, remaining: 0 });
      expect(library.search('text:bakery', { limit: 10, offset: 0 }).total).toBe(1);
      expect(library.search('text:harbour', { limit: 10, offset: 0 }).total).toBe(1);
      controller.abort();
      await watching;
    } finally {
      controller.abort();
      library.close();
    }
  }, 300_000);
});
