import path from 'node:path';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import type { IndexProgress } from '../../../electron/core/library/progress.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { openModelAnalyzer, type ModelAnalyzerSettings } from '../../../electron/core/models/openModelAnalyzer.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import type { LabelledImage } from './tagDataset.js';

export interface IndexedSet {
  library: LibraryService;
  analyzer: ModelAnalyzer;
  /** Library photo id of each labelled file. */
  idOf: Map<string, number>;
  seconds: number;
  close(): Promise<void>;
}

/**
 * Indexes labelled photos exactly as a user's library is indexed (LibraryService + the shipped models, worker
 * threads, batches, SQLite), in a temp dir, so that evaluations measure the product and not a side path.
 */
export async function indexLabelled(images: readonly LabelledImage[], settings: ModelAnalyzerSettings, onProgress?: (p: IndexProgress) => void): Promise<IndexedSet> {
  const temp = makeTempDir('phototag-eval-');
  const photos = path.join(temp.dir, 'photos');
  for (const dir of new Set(images.map((im) => path.dirname(im.path)))) {
    copyPhotos(dir, photos, images.filter((im) => path.dirname(im.path) === dir).map((im) => path.basename(im.path)));
  }
  const { analyzer, problem } = await openModelAnalyzer(settings);
  if (!analyzer) {
    temp.cleanup();
    throw new Error(problem ?? 'the models did not start');
  }
  const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer, logger: createLogger(null) });
  library.addFolder(photos);
  const started = performance.now();
  await library.index(onProgress);
  const seconds = (performance.now() - started) / 1000;
  const idOf = new Map<string, number>();
  for (const im of images) {
    const row = library.db.photos.byPath(path.join(photos, path.basename(im.path)));
    if (!row || row.state !== 'indexed') throw new Error(`${im.file} was not indexed (${row?.state ?? 'absent'}: ${row?.errorReason ?? ''})`);
    idOf.set(im.file, row.id);
  }
  return {
    library,
    analyzer,
    idOf,
    seconds,
    close: async () => {
      library.close();
      await analyzer.close();
      temp.cleanup();
    },
  };
}

/** A one-line progress display on stderr for the eval scripts (silent with --json). */
export function stderrProgress(enabled: boolean): ((p: IndexProgress) => void) | undefined {
  if (!enabled) return undefined;
  return (p) => process.stderr.write(`\r${p.done + p.failed}/${p.found} photos analysed`);
}
