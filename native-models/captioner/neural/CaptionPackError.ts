import { ModelLoadError } from '../../loading/ModelLoadError.js';
import type { ModelLoadErrorKind } from '../../loading/ModelLoadError.js';

/** What exactly is wrong with a caption pack; each has its own advice in the message. */
export type CaptionPackProblem =
  | 'missing-directory'
  | 'missing-file'
  | 'invalid-manifest'
  | 'invalid-vocabulary'
  | 'invalid-model'
  | 'truncated-weights'
  | 'shape-mismatch'
  | 'vocabulary-mismatch'
  | 'model-does-not-run';

const kindOf: Record<CaptionPackProblem, ModelLoadErrorKind> = {
  'missing-directory': 'missing',
  'missing-file': 'missing',
  'invalid-manifest': 'corrupt',
  'invalid-vocabulary': 'corrupt',
  'invalid-model': 'corrupt',
  'truncated-weights': 'corrupt',
  'shape-mismatch': 'corrupt',
  'vocabulary-mismatch': 'corrupt',
  'model-does-not-run': 'corrupt',
};

/**
 * A caption pack that cannot be used. It is a ModelLoadError, so code that reports any model failure (doctor,
 * the pipeline) needs nothing new; `problem` is the finer reason for callers and tests that care.
 */
export class CaptionPackError extends ModelLoadError {
  constructor(
    readonly problem: CaptionPackProblem,
    file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(kindOf[problem], file, message, options);
  }
}

/**
 * Packs are installed by the user, not shipped, so "reinstall Phototag" (the advice for shipped models) would be
 * wrong; the fix is always in the pack's folder.
 */
export const packHint = 'Copy the caption pack again from where you got it, or ask its author for a fixed version.';
