import path from 'node:path';
import { LibraryService } from '../../../electron/core/library/LibraryService.js';
import type { IndexProgress } from '../../../electron/core/library/progress.js';
import type { ModelAnalyzer } from '../../../electron/core/models/ModelAnalyzer.js';
import { openModelAnalyzer, type ModelAnalyzerSettings } from '../../../electron/core/models/openModelAnalyzer.js';
import { createLogger } from '../../../electron/core/logging/logger.js';
import { copyPhotos, makeTempDir } from '../../helpers/tempDirs.js';
import type { LabelledImage } from './tagDataset.js';
import type { TaggerProfile } from '../../../native-models/tagger/taggerProfile.js';

export interface IndexedSet {
  library: LibraryService;
  /** The analyzer whose output the library holds at the end: the improver when there was one. */
  analyzer: ModelAnalyzer;
  /** Library photo id of each labelled file. */
  idOf: Map<string, number>;
  /** Until every photo was indexed (searchable) by the first tagger. */
  seconds: number;
  /** Then until every photo was re-tagged by the improver (0 without one). */
  improveSeconds: number;
  close(): Promise<void>;
}

/**
 * Indexes labelled photos exactly as a user's library is indexed (LibraryService + the shipped models, worker
 * threads, batches, SQLite), in a temp dir, so that evaluations measure the product and not a side path.
 */
export async function indexLabelled(
  images: readonly LabelledImage[],
  settings: ModelAnalyzerSettings,
  onProgress?: (p: IndexProgress) => void,
  options: { improveWith?: TaggerProfile } = {},
): Promise<IndexedSet> {
  const temp = makeTempDir('phototag-eval-');
  const photos = path.join(temp.dir, 'photos');
  for (const dir of new Set(images.map((im) => path.dirname(im.path)))) {
    copyPhotos(dir, photos, images.filter((im) => path.dirname(im.path) === dir).map((im) => path.basename(im.path)));
  }
  // As the CLI does for 'fast then accurate': both taggers start together, the better one waits for the index.
  const [first, better] = await Promise.all([openModelAnalyzer(settings), options.improveWith ? openModelAnalyzer({ ...settings, profile: options.improveWith }) : null]);
  const { analyzer, problem } = first;
  const improver = better?.analyzer ?? null;
  if (!analyzer || (better && !improver)) {
    await Promise.all([analyzer?.close(), improver?.close()]);
    temp.cleanup();
    throw new Error(problem ?? better?.problem ?? 'the models did not start');
  }
  const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer, improver, logger: createLogger(null) });
  library.addFolder(photos);
  const started = performance.now();
  await library.index(onProgress);
  const seconds = (performance.now() - started) / 1000;
  const improveStarted = performance.now();
  if (improver) await library.improve();
  const improveSeconds = improver ? (performance.now() - improveStarted) / 1000 : 0;
  const idOf = new Map<string, number>();
  for (const im of images) {
    const row = library.db.photos.byPath(path.join(photos, path.basename(im.path)));
    if (!row || row.state !== 'indexed') throw new Error(`${im.file} was not indexed (${row?.state ?? 'absent'}: ${row?.errorReason ?? ''})`);
    idOf.set(im.file, row.id);
  }
  return {
    library,
    analyzer: improver ?? analyzer,
    idOf,
    seconds,
    improveSeconds,
    close: async () => {
      library.close();
      await Promise.all([analyzer.close(), improver?.close()]);
      temp.cleanup();
    },
  };
}

/** A one-line progress display on stderr for the eval scripts (silent with --json). */
export function stderrProgress(enabled: boolean): ((p: IndexProgress) => void) | undefined {
  if (!enabled) return undefined;
  return (p) => process.stderr.write(`\r${p.done + p.failed}/${p.found} photos analysed`);
}
