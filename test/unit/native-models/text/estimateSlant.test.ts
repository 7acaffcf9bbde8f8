import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateSlant } from '../../../../native-models/text/TextReader.js';

async function crop(rotate: number): Promise<{ data: Buffer; width: number; height: number }> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="200"><rect width="100%" height="100%" fill="#eee"/>` +
      `<text x="40" y="115" font-family="DejaVu Sans" font-size="44" fill="#111" transform="rotate(${rotate} 260 100)">harbour ticket</text></svg>`,
  );
  const { data, info } = await sharp(svg).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('slant of a line in a crop', () => {
  it('finds the slant of a turned line from a rough first guess', async () => {
    for (const rotate of [-9, 0, 7]) {
      const slant = estimateSlant(await crop(rotate), 'horizontal', rotate > 0 ? rotate - 5 : rotate + 4);
      expect(Math.abs(slant - rotate)).toBeLessThanOrEqual(1.5);
    }
  });
});
