import type { TaggerChoice } from '../contract/views.js';
import { readLibrarySettings, taggingOf } from '../core/config/librarySettings.js';
import { gpuBackendAvailable, taggingPlan } from '../core/models/taggingPlan.js';

export type ModelChoice = TaggerChoice | 'off';

/**
 * The tagger a CLI run indexes with: `--models` when given, else the library's saved choice (the app's Library
 * screen sets it), else 'fast' (the first of 'fast then accurate'). A damaged settings file is reported and read
 * as the defaults.
 */
export function modelChoice(opts: { dataDir: string; models?: ModelsOption }): ModelChoice {
  return cliTaggingPlan(opts).first;
}

/** `--models`, which also takes the two-pass choice. */
export type ModelsOption = ModelChoice | 'fast-then-accurate';

/**
 * The taggers a CLI run uses: `--models` when given (fast, accurate, off, fast-then-accurate), else the library's
 * saved tagging choice (default: fast then accurate; with a GPU backend straight to accurate).
 */
export function cliTaggingPlan(opts: { dataDir: string; models?: ModelsOption }, gpu = gpuBackendAvailable()): { first: ModelChoice; improve: TaggerChoice | null } {
  if (opts.models === 'off') return { first: 'off', improve: null };
  if (opts.models !== undefined) return taggingPlan(opts.models, gpu);
  const { settings, problem } = readLibrarySettings(opts.dataDir);
  if (problem) process.stderr.write(`phototag: ${problem}\n`);
  return taggingPlan(taggingOf(settings), gpu);
}
