import { CorrectionService } from '../library/CorrectionService.js';
import type { LibraryService } from '../library/LibraryService.js';
import { LearningService } from './LearningService.js';
import { RetrainScheduler } from './RetrainScheduler.js';
import { TeachingService } from './TeachingService.js';

export interface LibraryLearning {
  learning: LearningService;
  teaching: TeachingService;
  /** Waits for a training run under way, then releases its worker. */
  close(): Promise<void>;
}

export interface LibraryLearningOptions {
  /** The running tagger's threshold, which corrected model tags are judged against. */
  modelThreshold?: number | undefined;
  /** Only the library's writer may mark runs a dead process left 'running' as failed. */
  recoverInterrupted?: boolean;
}

/**
 * Teaching and retraining over an open library, for a shell that is not the app's host (the CLI's learning
 * commands). The shells never hold the database themselves: they get these services.
 */
export function openLibraryLearning(library: LibraryService, options: LibraryLearningOptions = {}): LibraryLearning {
  const learning = new LearningService(library.db, {
    dbFile: library.paths.database,
    logger: library.logger,
    ...(options.modelThreshold !== undefined ? { modelThreshold: options.modelThreshold } : {}),
  });
  if (options.recoverInterrupted) learning.recoverInterrupted();
  const teaching = new TeachingService(library.db, new CorrectionService(library.db), learning);
  return { learning, teaching, close: () => learning.close() };
}

/**
 * The app's background learning for a watching process (which holds the writer lock): retraining after enough
 * corrections, and after a tagger change once indexing settles. Returns its stop.
 */
export function startBackgroundLearning(library: LibraryService, modelThreshold: number | undefined, settled: () => boolean): () => Promise<void> {
  const { learning, close } = openLibraryLearning(library, { modelThreshold });
  const scheduler = new RetrainScheduler(library.db, learning, { logger: library.logger, settled });
  scheduler.start();
  return async () => {
    await scheduler.close();
    await close();
  };
}
