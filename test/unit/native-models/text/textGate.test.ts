import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTextRegions, gateSize, halveGrey, type GreyImage } from '../../../../native-models/text/textGate.js';

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
  // Known miss, not yet fixed: 40-px dark words on a flat light page are not found (see the README's Text section).
  it.todo('finds a line of printed words on a flat page');

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
