/**
 * Why a photo could not be decoded, coarse enough for a UI to group by:
 * - empty: the file has no bytes (often a copy still in progress);
 * - unsupported: not an image format Phototag reads, or a variant of one it cannot decode;
 * - corrupt: a format we read, but damaged or cut short;
 * - too-large: over the pixel limit, or built to blow up when decompressed;
 * - unreadable: the decoder itself could not run (for example the HEIC decoder failed to load).
 */
export type PhotoDecodeErrorKind = 'empty' | 'unsupported' | 'corrupt' | 'too-large' | 'unreadable';

/** The only error decodePhoto throws. The message is a short reason a person can read in a failure list. */
export class PhotoDecodeError extends Error {
  override readonly name = 'PhotoDecodeError';

  constructor(
    readonly kind: PhotoDecodeErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
