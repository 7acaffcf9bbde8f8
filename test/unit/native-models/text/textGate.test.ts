import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTextRegions, gateResize, gateSize, halveGrey, lineShape, type GreyImage } from '../../../../native-models/text/textGate.js';

async function greyOf(input: Buffer | string): Promise<GreyImage> {
  const { data, info } = await sharp(input).resize(gateSize, gateSize, { fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function svgText(text: string, size: number, rotate = 0): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="768"><rect width="100%" height="100%" fill="#f0eee8"/>` +
      `<text x="80" y="400" font-family="DejaVu Sans" font-size="${size}" fill="#111" transform="rotate(${rotate} 512 384)">${text}</text></svg>`,
  );
}

describe('text gate', () => {
  it('finds a line of printed words on a flat page', async () => {
    const grey = await greyOf(await sharp(svgText('station platform exit', 40)).png().toBuffer());
    const { regions } = findTextRegions(grey);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions[0]?.direction).toBe('horizontal');
    expect(Math.abs(regions[0]?.angle ?? 99)).toBeLessThan(2);
  });

  it('finds a slanted line and measures its slant (clockwise positive, y down)', async () => {
    for (const rotate of [10, -12]) {
      const grey = await greyOf(await sharp(svgText('station platform exit', 24, rotate)).png().toBuffer());
      const { regions } = findTextRegions(grey);
      expect(regions.length).toBeGreaterThan(0);
      expect(Math.abs((regions[0]?.angle ?? 99) - rotate)).toBeLessThan(3);
    }
  });

  it('measures a group of cells along its own axis', () => {
    // A staircase line of 12 cells rising one cell every three to the right (about -18°), one cell thick.
    const cells = Array.from({ length: 12 }, (_, i) => [i, 10 - Math.floor(i / 3)]).flat();
    const shape = lineShape(cells, 'horizontal');
    expect(shape.angle).toBeLessThan(-14);
    expect(shape.angle).toBeGreaterThan(-22);
    expect(shape.along).toBeGreaterThan(11);
    expect(shape.across).toBeLessThan(2.5);
  });

  it('finds a line turned on its side as running along the image', async () => {
    const grey = await greyOf(await sharp(svgText('station platform exit', 36, 90)).png().toBuffer());
    const { regions } = findTextRegions(grey);
    expect(regions.some((r) => r.direction === 'vertical')).toBe(true);
  });

  it('sends nothing from a flat image or smooth gradient', async () => {
    const flat = await greyOf(await sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a8' } }).png().toBuffer());
    expect(findTextRegions(flat).regions).toEqual([]);
  });

  it('halves an image by 2×2 means', () => {
    const half = halveGrey({ data: Uint8Array.from([0, 4, 8, 8, 10, 10, 20, 20]), width: 4, height: 2 });
    expect(half).toEqual({ data: Uint8Array.from([6, 14]), width: 2, height: 1 });
  });

  it('looks at photos up to 2:1 at a 640-px long side, and at longer images at a 320-px short side', async () => {
    const sized = async (width: number, height: number) => {
      const { info } = await sharp({ create: { width, height, channels: 3, background: '#fff' } }).resize(gateResize(width, height)).raw().toBuffer({ resolveWithObject: true });
      return [info.width, info.height];
    };
    expect(await sized(4032, 3024)).toEqual([640, 480]);
    expect(await sized(1920, 1080)).toEqual([640, 360]);
    expect(await sized(2000, 1000)).toEqual([640, 320]);
    expect(await sized(1080, 12_000)).toEqual([320, 3556]);
    expect(await sized(6000, 1000)).toEqual([1920, 320]);
    expect(await sized(300, 200)).toEqual([300, 200]);
  });

  it('finds the lines of a long screenshot that the long-side size shrank to nothing', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `<text x="40" y="${180 + i * 390}" font-family="DejaVu Sans" font-size="40" fill="#111">Order number ${1000 + i} delivered</text>`);
    const png = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="12000"><rect width="1080" height="12000" fill="#fff"/>${lines.join('')}</svg>`)).png().toBuffer();
    const at = async (resize: Parameters<ReturnType<typeof sharp>['resize']>[0]) => {
      const { data, info } = await sharp(png).resize(resize).greyscale().raw().toBuffer({ resolveWithObject: true });
      return findTextRegions({ data, width: info.width, height: info.height }).regions.length;
    };
    expect(await at({ width: gateSize, height: gateSize, fit: 'inside' })).toBe(0);
    expect(await at(gateResize(1080, 12_000))).toBeGreaterThanOrEqual(20);
  });
});
