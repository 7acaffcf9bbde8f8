// Messages between the library and its HEIC decoding workers.
import type { PhotoDecodeErrorKind } from './errors.js';

export interface HeifDecodeRequest {
  bytes: Uint8Array;
  maxPixels: number;
  /** The preview's long side (DecodeOptions.previewSize). */
  previewSize: number;
  /** The file's ICC profile, as sharp read it from the container: the preview is converted from it to sRGB. */
  icc: Uint8Array | null;
}

/**
 * Decode failures travel as values so their kind (corrupt, too-large …) survives the thread boundary. A success
 * carries the preview's pixels (upright sRGB RGB) and the full image's size.
 */
export type HeifDecodeResult =
  | { ok: true; data: Uint8Array; previewWidth: number; previewHeight: number; width: number; height: number }
  | { ok: false; kind: PhotoDecodeErrorKind; message: string };
