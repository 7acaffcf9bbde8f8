// Messages between the library and its HEIC decoding workers.
import type { PhotoDecodeErrorKind } from './errors.js';

export interface HeifDecodeRequest {
  bytes: Uint8Array;
  maxPixels: number;
}

/** Decode failures travel as values so their kind (corrupt, too-large …) survives the thread boundary. */
export type HeifDecodeResult =
  | { ok: true; data: Uint8Array; width: number; height: number; channels: 3 | 4 }
  | { ok: false; kind: PhotoDecodeErrorKind; message: string };
