// The imaging module's public surface; everything else in this folder is an implementation detail.
export type { DecodedPhoto, DecodeOptions, GpsPosition, PhotoFormat, PhotoMetadata, RawRgbImage } from './types.js';
export { PhotoDecodeError, type PhotoDecodeErrorKind } from './errors.js';
export { sniffFormat, sniffHeadBytes } from './sniffFormat.js';
export { readMetadata } from './readMetadata.js';
export { decodePhoto } from './decodePhoto.js';
export { checkHeifDecoder } from './heif.js';
export { thumbnailPath, writeThumbnails } from './writeThumbnails.js';
