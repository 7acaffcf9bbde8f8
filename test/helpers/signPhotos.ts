import sharp from 'sharp';
import { sharedData } from './sharedData.js';

/**
 * A coco photo with a sign on it, dark words on a light plate as the text eval's generator draws them, at a size
 * the reader reads whole (see `npm run eval:text` for what it misses).
 */
export async function photoWithSign(background: string, words: string, size: number, out: string): Promise<void> {
  const base = sharp(sharedData('coco', 'images', background)).rotate().resize(1024, 1024, { fit: 'inside' });
  const { info } = await base.clone().png().toBuffer({ resolveWithObject: true });
  const width = words.length * size * 0.7;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${info.width}" height="${info.height}">
    <rect x="40" y="60" width="${width + 50}" height="${size * 1.6}" fill="#f2efe6" rx="8"/>
    <text x="64" y="${60 + size * 1.15}" font-family="DejaVu Sans" font-size="${size}" fill="#111418">${words}</text></svg>`;
  await base.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]).jpeg({ quality: 90 }).toFile(out);
}
