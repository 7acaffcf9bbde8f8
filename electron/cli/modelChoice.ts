import type { TaggerChoice } from '../contract/views.js';
import { readLibrarySettings } from '../core/config/librarySettings.js';

export type ModelChoice = TaggerChoice | 'off';

/**
 * The tagger a CLI run uses: `--models` when given, else the library's saved choice (the app's Library screen
 * sets it), else 'fast'. A damaged settings file is reported and read as the defaults.
 */
export function modelChoice(opts: { dataDir: string; models?: ModelChoice }): ModelChoice {
  if (opts.models !== undefined) return opts.models;
  const { settings, problem } = readLibrarySettings(opts.dataDir);
  if (problem) process.stderr.write(`phototag: ${problem}\n`);
  return settings.tagger;
}
