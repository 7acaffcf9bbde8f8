import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PhotoDecodeError } from '../../../electron/core/imaging/errors.js';
import { exifFromRawProfile, isTiffHeader, stripExifPrefix } from '../../../electron/core/imaging/exifBlocks.js';
import { scanGif } from '../../../electron/core/imaging/gifBlocks.js';
import { rgbTiffWithIcc } from '../../../electron/core/imaging/iccTiff.js';
import { pngTextChunkLimit, scanPng } from '../../../electron/core/imaging/pngChunks.js';
import { scanWebp } from '../../../electron/core/imaging/webpChunks.js';

// A big-endian TIFF with one IFD0 entry: Orientation (0x0112) = 3.
const tiffOrientation3 = Buffer.from('4d4d002a00000008000101120003000000010003000000000000', 'hex');

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data, Buffer.alloc(4)]); // the CRC is not checked by the scanner
}

function png(...chunks: Buffer[]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(640, 0);
  ihdr.writeUInt32BE(480, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), ...chunks, chunk('IEND', Buffer.alloc(0))]);
}

const text = (type: 'tEXt' | 'zTXt' | 'iTXt', keyword: string, body: Buffer) => {
  const k = Buffer.from(keyword + '\0', 'latin1');
  if (type === 'tEXt') return chunk(type, Buffer.concat([k, body]));
  if (type === 'zTXt') return chunk(type, Buffer.concat([k, Buffer.from([0]), zlib.deflateSync(body)]));
  return chunk(type, Buffer.concat([k, Buffer.from([1, 0, 0, 0]), zlib.deflateSync(body)]));
};

describe('scanPng', () => {
  it('reads the size and finds EXIF in eXIf, XMP in iTXt, and reports a complete file', () => {
    const xmp = '<x:xmpmeta>tiff:Orientation="6"</x:xmpmeta>';
    const scan = scanPng(png(chunk('eXIf', tiffOrientation3), text('iTXt', 'XML:com.adobe.xmp', Buffer.from(xmp))));
    expect(scan).toMatchObject({ width: 640, height: 480, truncated: false, xmp });
    expect(scan.exif?.equals(tiffOrientation3)).toBe(true);
  });

  it("decodes ImageMagick's hex 'Raw profile type exif' text, compressed or not", () => {
    const profile = Buffer.from(`\nexif\n      32\n${'457869660000' + tiffOrientation3.toString('hex')}\n`, 'latin1');
    for (const type of ['tEXt', 'zTXt'] as const) {
      expect(scanPng(png(text(type, 'Raw profile type exif', profile))).exif?.equals(tiffOrientation3)).toBe(true);
    }
  });

  it('refuses a compressed text chunk that inflates past the limit, without inflating all of it', () => {
    const bomb = text('zTXt', 'big1', Buffer.alloc(pngTextChunkLimit + 1, 0x41));
    expect(bomb.length).toBeLessThan(4096);
    expect(() => scanPng(png(bomb))).toThrow(expect.objectContaining({ kind: 'too-large', message: expect.stringContaining("'big1'") }));
    // Just under the limit is fine: big comments are allowed, bombs are not.
    expect(() => scanPng(png(text('iTXt', 'Comment', Buffer.alloc(pngTextChunkLimit, 0x41))))).not.toThrow();
  });

  it('flags a chunk list that runs off the end as truncated, and garbage as not truncated', () => {
    const whole = png(chunk('IDAT', Buffer.alloc(100)));
    expect(scanPng(whole.subarray(0, whole.length - 60)).truncated).toBe(true);
    const garbled = Buffer.concat([whole.subarray(0, 33), Buffer.from('00000010\u00ff&\u0095\r', 'latin1'), Buffer.alloc(40)]);
    expect(scanPng(garbled).truncated).toBe(false);
  });

  it('rejects a PNG whose first chunk is not a 13-byte IHDR', () => {
    const bad = png();
    bad.writeUInt32BE(14, 8);
    expect(() => scanPng(bad)).toThrow(PhotoDecodeError);
    expect(() => scanPng(Buffer.from('89504e470d0a1a0a', 'hex'))).toThrow(/IHDR/);
  });
});

describe('scanGif', () => {
  it('reads the canvas and where the first frame sits, skipping the colour table and extensions', () => {
    // 44-byte GIF whose first frame is placed far outside its 32×32 canvas.
    const gif = Buffer.from('474946383961200020' + '00f10300000000ff0000ffff00ffffff21f904c900000000' + '2c000000ffffff2905008f', 'hex');
    expect(scanGif(gif)).toEqual({ canvasWidth: 32, canvasHeight: 32, firstFrame: { left: 0, top: 65280, width: 65535, height: 1321 } });
  });

  it('copes with a file that ends before any frame', () => {
    expect(scanGif(Buffer.from('GIF89a\x05\x00\x07\x00\x00\x00\x00', 'latin1'))).toEqual({ canvasWidth: 5, canvasHeight: 7, firstFrame: null });
    expect(scanGif(Buffer.from('GIF89a', 'latin1')).canvasWidth).toBe(0);
  });
});

describe('scanWebp', () => {
  it('finds the EXIF (without its Exif prefix) and XMP chunks, honouring odd-size padding', () => {
    const riffChunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
    };
    const body = Buffer.concat([
      riffChunk('VP8X', Buffer.alloc(10)),
      riffChunk('VP8 ', Buffer.alloc(7)),
      riffChunk('EXIF', Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffOrientation3])),
      riffChunk('XMP ', Buffer.from('<xmp/>')),
    ]);
    const found = scanWebp(Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), body]));
    expect(found.exif?.equals(tiffOrientation3)).toBe(true);
    expect(found.xmp).toBe('<xmp/>');
  });
});

describe('EXIF block helpers', () => {
  it('strips the JPEG APP1 prefix and recognises TIFF headers', () => {
    expect(stripExifPrefix(Buffer.concat([Buffer.from('Exif\0\0'), tiffOrientation3])).equals(tiffOrientation3)).toBe(true);
    expect(isTiffHeader(tiffOrientation3)).toBe(true);
    expect(isTiffHeader(Buffer.from('Exif\0\0MM'))).toBe(false);
  });

  it('rejects raw profiles whose declared length the hex does not cover', () => {
    expect(exifFromRawProfile('\nexif\n 100\n4d4d002a\n')).toBeNull();
    expect(exifFromRawProfile('\nexif\n 2\nzz zz\n')).toBeNull();
    expect(exifFromRawProfile('garbage')).toBeNull();
  });
});

describe('rgbTiffWithIcc', () => {
  it('produces a TIFF that sharp reads with its pixels and profile intact', async () => {
    const icc = (await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).withIccProfile('p3').png().toBuffer().then((b) => sharp(b).metadata())).icc;
    expect(icc).toBeDefined();
    const pixels = Buffer.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    const tiff = rgbTiffWithIcc(pixels, 2, 2, icc as Buffer);
    const meta = await sharp(tiff).metadata();
    expect(meta).toMatchObject({ format: 'tiff', width: 2, height: 2, channels: 3, hasProfile: true });
    expect((await sharp(tiff, { ignoreIcc: true }).raw().toBuffer()).equals(pixels)).toBe(true);
  });
});
