import sharp from 'sharp';
import { formatName, sharpFailure } from './decodeFailure.js';
import { PhotoDecodeError } from './errors.js';
import { scanGif } from './gifBlocks.js';
import { decodeHeifPreview } from './heifDecoder.js';
import { applyOrientation, orientedSize } from './orientation.js';
import { assertWithinPixelLimit, defaultMaxPixels } from './pixelLimit.js';
import { scanPng, type PngScan } from './pngChunks.js';
import { metadataOffThread } from './metadataThread.js';
import { toPreview } from './preview.js';
import { describeUnrecognised, sniffFormat, sniffHeadBytes } from './sniffFormat.js';
import type { DecodedPhoto, DecodeOptions, PhotoFormat, PhotoMetadata, RawRgbImage } from './types.js';

export const defaultPreviewSize = 1024;

/**
 * Loader settings for every sharp decode. `failOn: 'error'` rejects data that is cut short or damaged instead
 * of returning a grey-filled partial image: in a watched folder a truncated file is most often a copy still in
 * progress, and it is decoded again, whole, once its content hash changes. Files whose pixel data is complete
 * but whose trailer is damaged (a cut-off IEND chunk) still decode, since libvips has nothing to complain about.
 */
const loaderOptions = { failOn: 'error', sequentialRead: true } as const;

/**
 * Decodes a photo once: its metadata, its full-resolution size as shown upright, and an upright sRGB preview
 * for the models and thumbnails. Throws PhotoDecodeError, and nothing else, for any file it cannot decode.
 * Sizes are checked against `maxPixels` from the headers, before any decoder allocates for the pixels.
 */
export async function decodePhoto(bytes: Buffer, options: DecodeOptions = {}): Promise<DecodedPhoto> {
  const maxPixels = options.maxPixels ?? defaultMaxPixels;
  const previewSize = Math.max(1, Math.round(options.previewSize ?? defaultPreviewSize));
  if (bytes.length === 0) throw new PhotoDecodeError('empty', 'the file is empty (0 bytes)');
  const head = bytes.subarray(0, sniffHeadBytes);
  const format = sniffFormat(head);
  if (format === null) {
    const unrecognised = describeUnrecognised(head);
    throw new PhotoDecodeError(unrecognised.kind, unrecognised.message);
  }
  try {
    if (format === 'heic') return await decodeHeic(bytes, maxPixels, previewSize);
    return await decodeWithSharp(bytes, format, maxPixels, previewSize);
  } catch (error) {
    if (error instanceof PhotoDecodeError) throw error;
    throw sharpFailure(error, format, 'pixels');
  }
}

async function decodeWithSharp(bytes: Buffer, format: Exclude<PhotoFormat, 'heic'>, maxPixels: number, previewSize: number): Promise<DecodedPhoto> {
  // Containers whose header sizes libvips would act on before sharp's limit is consulted are checked by hand.
  let png: PngScan | undefined;
  if (format === 'png') {
    png = scanPng(bytes);
    assertWithinPixelLimit(png.width, png.height, maxPixels);
  } else if (format === 'gif') {
    checkGifSize(bytes, maxPixels);
  }
  const metadataPromise = metadataOffThread(bytes, format, png);

  let header: sharp.Metadata;
  try {
    header = await sharp(bytes, { ...loaderOptions, limitInputPixels: false }).metadata();
  } catch (error) {
    throw sharpFailure(error, format, 'header', png?.truncated);
  }
  const { width, height } = header;
  if (!width || !height) throw new PhotoDecodeError('corrupt', `${formatName(format)} header has no image size`);
  assertWithinPixelLimit(width, height, maxPixels);

  const metadata = await metadataPromise;
  const exifOrientation = validOrientation(header.orientation);
  metadata.orientation ??= exifOrientation;
  // libvips's HEIF loader (AVIF) applies the container's irot/imir itself, like libheif does for HEIC.
  const orientation = format === 'avif' ? 1 : (exifOrientation ?? metadata.orientation ?? 1);

  let pipeline = applyOrientation(sharp(bytes, { ...loaderOptions, limitInputPixels: maxPixels }), orientation);
  // sharp converts an embedded profile to sRGB for 8-bit images only; 16-bit ones it leaves in Display P3.
  // Without an embedded profile the output transform would wrongly treat 16-bit sRGB as P3, hence the condition.
  if (header.depth === 'ushort' && header.hasProfile) pipeline = pipeline.withIccProfile('srgb');
  let preview: RawRgbImage;
  try {
    preview = await toPreview(pipeline, previewSize);
  } catch (error) {
    if (error instanceof PhotoDecodeError) throw error;
    throw sharpFailure(error, format, 'pixels', png?.truncated);
  }
  return { format, ...orientedSize(width, height, orientation), metadata, preview };
}

async function decodeHeic(bytes: Buffer, maxPixels: number, previewSize: number): Promise<DecodedPhoto> {
  // sharp parses HEIF containers (not HEVC pixels): it tells AV1 items apart, and it extracts the ICC profile.
  let header: sharp.Metadata | null = null;
  try {
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    header = null;
  }
  if (header?.compression === 'av1') return decodeWithSharp(bytes, 'avif', maxPixels, previewSize);
  if (header?.width && header.height) assertWithinPixelLimit(header.width, header.height, maxPixels, 'HEIC image');

  const metadataPromise = metadataOffThread(bytes, 'heic');
  // Decoded, shrunk and colour-converted on the decoder's thread: only the preview comes back.
  const { preview, width, height } = await decodeHeifPreview(bytes, { maxPixels, previewSize, icc: header?.icc ?? null });
  const metadata: PhotoMetadata = await metadataPromise;
  // libheif already applied irot/imir: the EXIF orientation is reported as found but must not rotate again.
  return { format: 'heic', width, height, metadata, preview };
}

function checkGifSize(bytes: Buffer, maxPixels: number): void {
  const gif = scanGif(bytes);
  if (gif.canvasWidth === 0 || gif.canvasHeight === 0) {
    throw new PhotoDecodeError('corrupt', `GIF declares an empty ${gif.canvasWidth}×${gif.canvasHeight} canvas`);
  }
  assertWithinPixelLimit(gif.canvasWidth, gif.canvasHeight, maxPixels, 'GIF canvas');
  // Decoders size their buffers to cover the frame where it is placed, so its far corner is what counts.
  const frame = gif.firstFrame;
  if (frame) {
    const right = frame.left + frame.width;
    const bottom = frame.top + frame.height;
    if (right * bottom > maxPixels) assertWithinPixelLimit(right, bottom, maxPixels, 'GIF frame extent');
  }
}

function validOrientation(value: number | undefined): number | null {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? value : null;
}
