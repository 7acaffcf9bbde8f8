import { describe, expect, it } from 'vitest';
import { readXmp } from '../../../electron/core/imaging/xmp.js';

const packet = (description: string) =>
  `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${description}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

describe('readXmp', () => {
  it('reads properties written as attributes', () => {
    const xmp = packet(
      `<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" exif:DateTimeOriginal="2013-07-05T03:18:27Z" tiff:Orientation='6'/>`,
    );
    expect(readXmp(xmp)).toEqual({ dateTimeOriginal: '2013-07-05T03:18:27Z', dateTimeDigitized: null, orientation: 6, lens: null });
  });

  it('reads properties written as elements, including the first item of an rdf:Alt', () => {
    const xmp = packet(`
      <rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/' xmlns:aux='http://ns.adobe.com/exif/1.0/aux/'>
        <exif:DateTimeDigitized>2008-05-25T19:31:26.0+1:00</exif:DateTimeDigitized>
        <aux:Lens><rdf:Alt><rdf:li xml:lang="x-default">100.0 mm f/2.8 &amp; more</rdf:li></rdf:Alt></aux:Lens>
      </rdf:Description>`);
    expect(readXmp(xmp)).toMatchObject({ dateTimeDigitized: '2008-05-25T19:31:26.0+1:00', lens: '100.0 mm f/2.8 & more' });
  });

  it('follows the namespace, not the prefix a writer happened to choose', () => {
    const xmp = packet(`<rdf:Description xmlns:e="http://ns.adobe.com/exif/1.0/" e:DateTimeOriginal="2001-02-03T04:05:06"/>`);
    expect(readXmp(xmp).dateTimeOriginal).toBe('2001-02-03T04:05:06');
  });

  it('prefers the CIPA LensModel to the older aux:Lens', () => {
    const xmp = packet(
      `<rdf:Description xmlns:exifEX="http://cipa.jp/exif/1.0/" xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" aux:Lens="old" exifEX:LensModel="EF100mm f/2.8L"/>`,
    );
    expect(readXmp(xmp).lens).toBe('EF100mm f/2.8L');
  });

  it('ignores an orientation that is not a number from 1 to 8 (exiftool shows "Top-left" text in one sample)', () => {
    for (const value of ['Top-left', '0', '9', '']) {
      expect(readXmp(packet(`<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="${value}"/>`)).orientation).toBeNull();
    }
  });

  it('does not mistake a longer property name for the one asked for', () => {
    const xmp = packet(`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:DateTimeOriginalX="2001-01-01T00:00:00"/>`);
    expect(readXmp(xmp).dateTimeOriginal).toBeNull();
  });

  it('returns nothing from an empty or unrelated packet', () => {
    expect(readXmp('')).toEqual({ dateTimeOriginal: null, dateTimeDigitized: null, orientation: null, lens: null });
    expect(readXmp(packet('<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/jpeg"/>')).dateTimeOriginal).toBeNull();
  });
});
