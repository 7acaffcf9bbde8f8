import { describe, expect, it } from 'vitest';
import { describeUnrecognised, sniffFormat } from '../../../electron/core/imaging/sniffFormat.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** An ISO-BMFF ftyp box: size, 'ftyp', major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], compatible.join(''));

describe('sniffFormat', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif')],
    ['png', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR')],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['tiff', bytes('II', [42, 0, 8, 0, 0, 0])],
    ['tiff', bytes('MM', [0, 42, 0, 0, 0, 8])],
    ['tiff', bytes('II', [43, 0, 8, 0, 0, 0, 0, 0])],
    ['heic', ftyp('heic', 'mif1', 'heic')],
    ['heic', ftyp('heix', 'mif1')],
    ['heic', ftyp('mif1', 'heic', 'miaf')],
    ['heic', ftyp('mif1', 'miaf')],
    ['avif', ftyp('avif', 'avif', 'mif1', 'miaf', 'MA1B')],
    ['avif', ftyp('avis', 'avis', 'msf1')],
    ['avif', ftyp('mif1', 'avif', 'miaf')],
  ] as const)('recognises %s from its magic bytes', (format, head) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it.each([
    ['nothing', Buffer.alloc(0)],
    ['a lone JPEG marker', bytes([0xff, 0xd8])],
    ['a PNG signature cut short', bytes([0x89], 'PNG\r\n')],
    ['a WAV file', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['an MP4 video', ftyp('isom', 'isom', 'iso2', 'mp41')],
    ['a QuickTime movie', ftyp('qt  ', 'qt  ')],
    ['a Canon CR3', ftyp('crx ', 'crx ', 'isom')],
    ['a Canon CR2 (TIFF-shaped RAW)', bytes('II', [42, 0, 16, 0, 0, 0], 'CR', [2, 0])],
    ['a BMP', bytes('BM', [0, 0, 0, 0, 0, 0])],
    ['a text file', bytes('hello, this is not a photo')],
    ['an HTML error page', bytes('<!DOCTYPE html><html>')],
  ])('returns null for %s', (_, head) => {
    expect(sniffFormat(head)).toBeNull();
  });

  it('never looks at more than the head it is given (a truncated ftyp box still sniffs)', () => {
    const head = ftyp('mif1', 'miaf', 'MiHE', 'heic').subarray(0, 24);
    expect(sniffFormat(head)).toBe('heic');
  });
});

describe('describeUnrecognised', () => {
  it('calls a PNG signature mangled by a text-mode transfer corrupt, not unsupported', () => {
    const mangled = bytes([0x89], 'PNG\n\x1a\n', [0, 0, 0, 13]);
    expect(sniffFormat(mangled)).toBeNull();
    expect(describeUnrecognised(mangled)).toEqual({ kind: 'corrupt', message: expect.stringContaining('damaged PNG signature') });
  });

  it('names video and RAW files instead of printing bytes', () => {
    expect(describeUnrecognised(ftyp('isom', 'mp41')).message).toContain("brand 'isom'");
    expect(describeUnrecognised(bytes('II', [42, 0, 16, 0, 0, 0], 'CR', [2, 0])).message).toContain('RAW');
  });

  it('says a text file is text and shows the first bytes of anything else', () => {
    expect(describeUnrecognised(bytes('<!DOCTYPE html>')).message).toBe('not an image: the file contains text');
    expect(describeUnrecognised(bytes([0, 1, 2, 0xfe, 5]))).toEqual({ kind: 'unsupported', message: 'not a recognised image format (starts with 00 01 02 fe)' });
  });
});
