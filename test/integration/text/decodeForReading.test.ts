import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeForReading } from '../../../electron/core/text/decodeForText.js';
import { sharedData } from '../../helpers/sharedData.js';

describe('decoding a photo for the text pass', () => {
  it('decodes a photo no larger than the gate looks at once, and reads those pixels', async () => {
    const bytes = fs.readFileSync(sharedData('coco', 'images', '000000000009.jpg'));
    const { width, height } = await sharp(bytes).metadata();
    const pixels = await decodeForReading(bytes, { width: width as number, height: height as number });
    expect(Math.max(pixels.gate.width, pixels.gate.height)).toBe(Math.max(width as number, height as number));
    expect(pixels.full).toBeUndefined();
  });

  it('decodes a larger photo at the gate size first, and at the reading size only when asked', async () => {
    const bytes = await sharp(sharedData('coco', 'images', '000000000009.jpg')).resize(2400, 1800, { fit: 'fill' }).jpeg().toBuffer();
    const pixels = await decodeForReading(bytes, { width: 2400, height: 1800 });
    expect(Math.max(pixels.gate.width, pixels.gate.height)).toBe(640);
    const full = await pixels.full?.();
    expect(full?.width).toBe(2309);
    expect(full?.height).toBe(1732);
  });
});
