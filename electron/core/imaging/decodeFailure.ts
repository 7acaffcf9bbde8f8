import { PhotoDecodeError } from './errors.js';
import type { PhotoFormat } from './types.js';

const formatNames: Record<PhotoFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', tiff: 'TIFF', gif: 'GIF', heic: 'HEIC' };

export function formatName(format: PhotoFormat): string {
  return formatNames[format];
}

/**
 * Turns a libvips error (multi-line, prefixed with loader names, repeated per retry) into a short reason and a
 * kind. `truncated` is what the caller knows from walking the container, for loaders whose errors do not say.
 */
export function sharpFailure(error: unknown, format: PhotoFormat, stage: 'header' | 'pixels', truncated = false): PhotoDecodeError {
  const raw = error instanceof Error ? error.message : String(error);
  const name = formatName(format);
  const options = { cause: error };
  if (/exceeds pixel limit/i.test(raw)) return new PhotoDecodeError('too-large', `${name} image is over the pixel limit`, options);
  if (/unsupported image format/i.test(raw)) return new PhotoDecodeError('corrupt', `damaged ${name} file: its structure cannot be read`, options);
  if (truncated || /premature end|truncated|unexpected end|end of (file|data)|short read/i.test(raw)) {
    const where = stage === 'header' ? 'before the image header is complete' : 'before the image data does';
    return new PhotoDecodeError('corrupt', `truncated ${name} data: the file ends ${where}`, options);
  }
  return new PhotoDecodeError('corrupt', `damaged ${name} data (${shortDetail(raw)})`, options);
}

/** libvips wording that means nothing to a user, and what it means. */
const readableDetails: [RegExp, string][] = [
  [/libspng read error/i, 'the compressed image data is corrupt'],
  [/seek error at scanline|bad seek/i, 'strip offsets point outside the file'],
  [/not enough data for scanline/i, 'strips are shorter than the image size needs'],
];

/** First distinct line of a libvips message without the loader prefixes, short enough for a list of failures. */
function shortDetail(message: string): string {
  const lines = [...new Set(message.split('\n').map((l) => l.trim()).filter(Boolean))];
  const line = (lines.at(-1) ?? message)
    .replace(/^Input (buffer|file) (has corrupt header|contains)[^:]*:\s*/i, '')
    .replace(/^(\w+load(_buffer|_source)?|VipsJpeg|tiff2vips|source|heif\w*|VipsForeignLoad\w*):\s*/i, '');
  const readable = readableDetails.find(([pattern]) => pattern.test(line))?.[1] ?? line;
  return readable.length > 100 ? `${readable.slice(0, 97)}...` : readable;
}
