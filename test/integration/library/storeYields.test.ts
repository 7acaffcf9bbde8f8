import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryDatabase } from '../../../db/LibraryDatabase.js';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import type { AnalyzerInput, PhotoAnalysis } from '../../../electron/core/pipeline/PhotoAnalyzer.js';
import { pipelineVersionFor } from '../../../electron/core/pipeline/pipelineVersion.js';
import { PixelAnalyzer } from '../../helpers/pixelAnalyzer.js';
import { sharedData } from '../../helpers/sharedData.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';

const photoCount = 8;

/** Holds every batch until all the photos have been handed to it, then answers them all at once. */
class HeldAnalyzer extends PixelAnalyzer {
  readonly batches: number[] = [];
  private readonly waiting: (() => void)[] = [];

  override async analyzeBatch(inputs: readonly AnalyzerInput[]): Promise<PhotoAnalysis[]> {
    this.batches.push(inputs.length);
    if (this.batches.reduce((a, b) => a + b, 0) % photoCount !== 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.waiting.splice(0).forEach((resolve) => resolve());
    return super.analyzeBatch(inputs);
  }
}

/**
 * A batch's analyses are stored one photo's transaction at a time, the event loop turning in between: a batch's
 * writes (facts, tags, faces, vectors, search rows) in one go held the library's event loop for tens of ms.
 */
describe('storing analysed batches', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('lets the event loop turn between the photos of a batch', async () => {
    const photos = path.join(temp.dir, 'photos');
    const coco = sharedData('coco', 'images');
    const files = copyPhotos(coco, photos, fs.readdirSync(coco).filter((n) => n.endsWith('.jpg')).sort().slice(0, photoCount));
    const analyzer = new HeldAnalyzer();
    const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer });
    library.addFolder(photos);
    await library.index();
    // Every photo queued again at once (as for a photo whose analysis is to be redone), so the runner claims full
    // batches rather than the photos one by one as the scan finds them.
    const version = pipelineVersionFor(analyzer.version);
    library.db.transaction(() => {
      for (const file of files) {
        const photo = library.db.photos.byPath(file)!;
        library.db.photos.setState(photo.id, 'queued');
        library.db.jobs.enqueue(photo.id, photo.contentHash, version, Date.now());
      }
    });
    analyzer.batches.splice(0);

    // Counts turns of the event loop; each photo's store transaction notes the turn it ran in.
    let turn = 0;
    let turning = true;
    const spin = () => {
      turn++;
      if (turning) setImmediate(spin);
    };
    spin();
    const storeTurns: number[] = [];
    const original = LibraryDatabase.prototype.transaction;
    LibraryDatabase.prototype.transaction = function <T>(this: LibraryDatabase, fn: () => T): T {
      if (/\bstore\b/.test(new Error().stack?.split('\n').slice(2, 4).join('\n') ?? '')) storeTurns.push(turn);
      return original.call(this, fn) as T;
    };
    try {
      await library.index();
    } finally {
      LibraryDatabase.prototype.transaction = original;
      turning = false;
      library.close();
    }
    expect(storeTurns).toHaveLength(photoCount);
    // Batches of up to four (the analyzer's batch size), all answered in one turn: each batch stores its first photo
    // then, and the rest in later turns, one per turn.
    expect(analyzer.batches.length).toBeLessThan(photoCount);
    const perTurn = new Map<number, number>();
    for (const t of storeTurns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(analyzer.batches.length);
    expect(perTurn.size).toBeGreaterThanOrEqual(Math.max(...analyzer.batches));
  });
});
