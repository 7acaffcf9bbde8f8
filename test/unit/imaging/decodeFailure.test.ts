import { describe, expect, it } from 'vitest';
import { sharpFailure } from '../../../electron/core/imaging/decodeFailure.js';
import { PhotoDecodeError } from '../../../electron/core/imaging/errors.js';
import { assertWithinPixelLimit, formatPixels } from '../../../electron/core/imaging/pixelLimit.js';

describe('sharpFailure', () => {
  it('turns libvips messages into short reasons with a kind', () => {
    expect(sharpFailure(new Error('VipsJpeg: premature end of JPEG image'), 'jpeg', 'pixels')).toMatchObject({
      kind: 'corrupt',
      message: 'truncated JPEG data: the file ends before the image data does',
    });
    expect(sharpFailure(new Error('Input buffer has corrupt header: VipsJpeg: premature end of JPEG image\nVipsJpeg: premature end of JPEG image'), 'jpeg', 'header').message).toBe(
      'truncated JPEG data: the file ends before the image header is complete',
    );
    expect(sharpFailure(new Error('source: bad seek to 3309\nsource: bad seek to 3309\ntiff2vips: Seek error at scanline 4294967295, strip 0'), 'tiff', 'pixels').message).toBe(
      'damaged TIFF data (strip offsets point outside the file)',
    );
    expect(sharpFailure(new Error('Input buffer contains unsupported image format'), 'tiff', 'header')).toMatchObject({ kind: 'corrupt', message: 'damaged TIFF file: its structure cannot be read' });
    expect(sharpFailure(new Error('Input image exceeds pixel limit'), 'png', 'pixels').kind).toBe('too-large');
  });

  it('uses what the container walk knew when the loader does not say', () => {
    expect(sharpFailure(new Error('pngload_buffer: libspng read error'), 'png', 'pixels', true).message).toBe('truncated PNG data: the file ends before the image data does');
    expect(sharpFailure(new Error('pngload_buffer: libspng read error'), 'png', 'pixels', false).message).toBe('damaged PNG data (the compressed image data is corrupt)');
  });

  it('keeps an unknown message readable and short', () => {
    const error = sharpFailure(new Error(`heifload: ${'x'.repeat(300)}`), 'avif', 'pixels');
    expect(error).toBeInstanceOf(PhotoDecodeError);
    expect(error.message.length).toBeLessThan(130);
  });
});

describe('pixel limit', () => {
  it('refuses with the numbers a person needs', () => {
    expect(() => assertWithinPixelLimit(65536, 65536, 200e6)).toThrow('image of 65536×65536 = 4.3 gigapixels is over the 200 megapixel limit');
    expect(() => assertWithinPixelLimit(20000, 15000, 200e6)).toThrow('image of 20000×15000 = 300 megapixels is over the 200 megapixel limit');
    expect(() => assertWithinPixelLimit(20000, 10000, 200e6)).not.toThrow();
    expect(() => assertWithinPixelLimit(0, 10, 200e6)).toThrow(expect.objectContaining({ kind: 'corrupt' }));
  });

  it('formats pixel counts', () => {
    expect(formatPixels(4_364_696_535)).toBe('4.4 gigapixels');
    expect(formatPixels(12_192_768)).toBe('12.2 megapixels');
  });
});
