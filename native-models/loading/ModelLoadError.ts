/** Why a model could not be loaded: a file is not there, or it is there but unreadable as a model. */
export type ModelLoadErrorKind = 'missing' | 'corrupt';

/**
 * A model that cannot be loaded. The message names the file and what to do, because the person reading it is
 * usually looking at `phototag doctor` output, not at the code.
 */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';

  constructor(
    readonly kind: ModelLoadErrorKind,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const reinstallHint = 'Reinstall Phototag (or run `npm ci`) to restore the model files.';
