import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTextRegions, gateSize, halveGrey, lineShape, type GreyImage } from '../../../../native-models/text/textGate.js';

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
});
