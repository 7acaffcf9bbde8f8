import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePhoto } from '../../../electron/core/imaging/decodePhoto.js';
import { PhotoDecodeError } from '../../../electron/core/imaging/errors.js';
import { readMetadata } from '../../../electron/core/imaging/readMetadata.js';

const solid = (width: number, height: number, channels: 3 | 4, background: sharp.Color) => sharp({ create: { width, height, channels, background } });

async function decodeError(bytes: Buffer, options?: Parameters<typeof decodePhoto>[1]): Promise<PhotoDecodeError> {
  try {
    await decodePhoto(bytes, options);
  } catch (error) {
    if (error instanceof PhotoDecodeError) return error;
    throw new Error(`threw something other than PhotoDecodeError: ${String(error)}`);
  }
  throw new Error('decoded instead of failing');
}

describe('decodePhoto on synthetic images', () => {
  it('sizes the preview to the long side, keeps the aspect ratio and never upscales', async () => {
    const big = await decodePhoto(await solid(3000, 2000, 3, '#808080').jpeg().toBuffer());
    expect(big).toMatchObject({ format: 'jpeg', width: 3000, height: 2000, preview: { width: 1024, height: 683, channels: 3 } });
    expect(big.preview.data.length).toBe(1024 * 683 * 3);
    const small = await decodePhoto(await solid(100, 50, 3, '#808080').png().toBuffer());
    expect(small.preview).toMatchObject({ width: 100, height: 50 });
    const custom = await decodePhoto(await solid(2000, 1000, 3, '#808080').webp().toBuffer(), { previewSize: 256 });
    expect(custom).toMatchObject({ format: 'webp', width: 2000, height: 1000, preview: { width: 256, height: 128 } });
  });

  it('flattens transparency on white', async () => {
    const decoded = await decodePhoto(await solid(8, 8, 4, { r: 0, g: 0, b: 0, alpha: 0 }).png().toBuffer());
    expect(decoded.preview.channels).toBe(3);
    expect([...decoded.preview.data.subarray(0, 6)]).toEqual([255, 255, 255, 255, 255, 255]);
  });

  it('turns greyscale and CMYK into three sRGB channels', async () => {
    const grey = await decodePhoto(await solid(8, 8, 3, '#404040').greyscale().png().toBuffer());
    expect(grey.preview.data.length).toBe(8 * 8 * 3);
    expect([...grey.preview.data.subarray(0, 3)]).toEqual([0x40, 0x40, 0x40]);
    const cmyk = await decodePhoto(await solid(8, 8, 3, '#c83c28').toColourspace('cmyk').jpeg().toBuffer());
    expect(cmyk.preview.data.length).toBe(8 * 8 * 3);
    const [r = 0, g = 0, b = 0] = cmyk.preview.data;
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(110);
    expect(b).toBeLessThan(90);
  });

  it('converts embedded colour profiles to sRGB for 8-bit and 16-bit images alike', async () => {
    const source = solid(8, 8, 3, '#c83c28');
    for (const bytes of [await source.clone().withIccProfile('p3').png().toBuffer(), await source.clone().toColourspace('rgb16').withIccProfile('p3').png().toBuffer()]) {
      const stored = await sharp(bytes, { ignoreIcc: true }).raw({ depth: 'uchar' }).toBuffer();
      expect(Math.abs((stored[0] ?? 0) - 0xc8)).toBeGreaterThan(8); // the file really holds Display P3 values
      const [r = 0, g = 0, b = 0] = (await decodePhoto(bytes)).preview.data;
      expect(Math.abs(r - 0xc8)).toBeLessThanOrEqual(2);
      expect(Math.abs(g - 0x3c)).toBeLessThanOrEqual(2);
      expect(Math.abs(b - 0x28)).toBeLessThanOrEqual(2);
    }
  });

  it('applies an orientation that is only in XMP (libvips reads EXIF only)', async () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>`;
    const bytes = await solid(60, 40, 3, '#808080').png().withXmp(xmp).toBuffer();
    expect((await sharp(bytes).metadata()).orientation).toBeUndefined();
    const decoded = await decodePhoto(bytes);
    expect(decoded).toMatchObject({ width: 40, height: 60, preview: { width: 40, height: 60 }, metadata: { orientation: 6 } });
  });

  it('reads a GIF as its first frame', async () => {
    const frames = Buffer.concat([Buffer.alloc(16 * 16 * 3, 0), Buffer.alloc(16 * 16 * 3, 255)]);
    const gif = await sharp(frames, { raw: { width: 16, height: 32, channels: 3, pageHeight: 16 } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const decoded = await decodePhoto(gif);
    expect(decoded).toMatchObject({ format: 'gif', width: 16, height: 16, preview: { width: 16, height: 16 } });
    expect(decoded.preview.data[0]).toBe(0);
  });

  it('refuses an image over maxPixels from its header, with the size in the reason', async () => {
    const bytes = await solid(2000, 1000, 3, '#808080').jpeg().toBuffer();
    const error = await decodeError(bytes, { maxPixels: 1_000_000 });
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe('image of 2000×1000 = 2 megapixels is over the 1 megapixel limit');
  });

  it('refuses a small JPEG whose frame header claims 65500×65500, before decoding anything', async () => {
    const bytes = Buffer.from(await solid(16, 16, 3, '#808080').jpeg().toBuffer());
    const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    bytes.writeUInt16BE(65500, sof + 5);
    bytes.writeUInt16BE(65500, sof + 7);
    const rssBefore = process.memoryUsage().rss;
    expect(await decodeError(bytes)).toMatchObject({ kind: 'too-large', message: 'image of 65500×65500 = 4.3 gigapixels is over the 200 megapixel limit' });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('names empty and unrecognised files', async () => {
    expect(await decodeError(Buffer.alloc(0))).toMatchObject({ kind: 'empty', message: 'the file is empty (0 bytes)' });
    expect(await decodeError(Buffer.from('%PDF-1.7 not a photo'))).toMatchObject({ kind: 'unsupported', message: 'not an image: the file contains text' });
  });

  it('never modifies the bytes it is given', async () => {
    const bytes = await solid(300, 200, 3, '#336699').jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const before = createHash('sha256').update(bytes).digest('hex');
    await decodePhoto(bytes);
    await readMetadata(bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(before);
  });

  it('throws only PhotoDecodeError, whatever is cut off or flipped', async () => {
    const images = await Promise.all([
      solid(64, 48, 3, '#804020').jpeg().withMetadata({ orientation: 3 }).toBuffer(),
      solid(64, 48, 4, '#80402080').png().toBuffer(),
      solid(64, 48, 3, '#804020').webp().toBuffer(),
      solid(64, 48, 3, '#804020').gif().toBuffer(),
      solid(64, 48, 3, '#804020').tiff().toBuffer(),
    ]);
    for (const image of images) {
      for (const cut of [1, 8, 16, 30, 60, 100, 200, Math.floor(image.length / 2), image.length - 2]) {
        const truncated = image.subarray(0, cut);
        await decodePhoto(truncated).catch((error: unknown) => expect(error, `cut at ${cut}`).toBeInstanceOf(PhotoDecodeError));
      }
      for (let at = 2; at < Math.min(image.length, 400); at += 7) {
        const flipped = Buffer.from(image);
        flipped[at] = (flipped[at] ?? 0) ^ 0xff;
        await decodePhoto(flipped).catch((error: unknown) => expect(error, `flipped byte ${at}`).toBeInstanceOf(PhotoDecodeError));
        await expect(readMetadata(flipped)).resolves.toBeDefined();
      }
    }
  });
});
