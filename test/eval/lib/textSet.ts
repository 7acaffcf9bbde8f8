import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { seededRandom } from '../../../native-models/heads/binaryLogistic.js';
import { readJson, sharedData } from '../../helpers/sharedData.js';

/**
 * The text eval set, built reproducibly (fixed seed) into a folder: words rendered onto real coco photos (fonts on
 * this machine, 12–80 px on a 1024-px image, ±15°, light on dark and dark on light, blur, JPEG 40–90, some photos
 * turned on their side or upside down), plus coco photos that really contain text, with the words a person read
 * on them (realTextPhotos). A background photo's coco split is the item's split: tuning reads only `dev`.
 */

export interface TextSetWord {
  text: string;
  /** Height of the rendered glyphs (the font size) in pixels of the 1024-px image. */
  heightPx: number;
  /** Where its line is, for diagnosing misses: the line's centre in shares of the photo as saved (after any turn) and its slant in degrees. */
  line?: { cx: number; cy: number; slant: number };
}

export interface TextSetItem {
  file: string;
  split: 'dev' | 'test';
  kind: 'rendered' | 'real';
  words: TextSetWord[];
  /** The whole photo was turned by this much after the words were drawn (sideways text). */
  turned: 0 | 90 | 180 | 270;
}

export interface TextSetManifest {
  seed: number;
  items: TextSetItem[];
}

const fonts = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'Liberation Sans', 'Liberation Serif', 'Liberation Sans Narrow', 'Liberation Mono'];

const vocabulary = `hotel california password wifi network guest receipt total amount station platform exit entrance
parking station museum garden library coffee bakery market street avenue closed open sale discount price ticket
gate terminal airport harbour beach trail summit river bridge north south east west welcome school hospital
pharmacy police office bank restaurant kitchen menu breakfast dinner lunch pizza burger salad water bread cheese
chocolate camera travel summer winter autumn spring birthday wedding party family friends holiday mountain forest
island village castle church tower square palace theatre cinema concert music festival gallery studio printer
router admin login secret account number invoice order delivery monday tuesday friday saturday sunday january
march august october december`.split(/\s+/).filter(Boolean);

/** Photos in coco that really hold readable text, with the words a person read on them (looked at one by one). */
export const realTextPhotos: readonly { file: string; words: string[] }[] = [
  { file: '000000226111.jpg', words: ['no', 'bicycles', 'skates', 'or', 'skateboards', 'on', 'sidewalks', 'in', 'this', 'area'] },
  { file: '000000058636.jpg', words: ['gladys', 'detroit'] },
  { file: '000000322864.jpg', words: ['0.58', 'mi', '0.58', 'mi'] },
  { file: '000000000064.jpg', words: ['rolex'] },
  { file: '000000122745.jpg', words: ['stop'] },
  { file: '000000297343.jpg', words: ['stop'] },
  { file: '000000336587.jpg', words: ['stop'] },
  { file: '000000000471.jpg', words: ['los', 'angeles', 'unified', 'school', 'district'] },
  { file: '000000143931.jpg', words: ['scott', 'brown', "he's", 'for', 'us', 'scott', 'brown', "he's", 'for', 'us'] },
];

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Font sizes drawn evenly over three buckets, so each bucket is measured on enough words. */
function pickSize(random: () => number): number {
  const bucket = Math.floor(random() * 3);
  const [lo, hi] = bucket === 0 ? [12, 19] : bucket === 1 ? [20, 39] : [40, 80];
  return Math.round(lo + random() * (hi - lo));
}

export async function buildTextSet(dir: string, options: { seed?: number; perSplit?: number } = {}): Promise<TextSetManifest> {
  const seed = options.seed ?? 20261204;
  const perSplit = options.perSplit ?? 60;
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const cocoDir = sharedData('coco', 'images');
  const split = readJson<{ dev: string[]; test: string[] }>(sharedData('coco', 'split.json'));
  fs.mkdirSync(dir, { recursive: true });
  const items: TextSetItem[] = [];
  for (const splitName of ['dev', 'test'] as const) {
    const backgrounds = split[splitName];
    for (let n = 0; n < perSplit; n++) {
      const background = backgrounds[Math.floor(random() * backgrounds.length)] as string;
      const base = sharp(path.join(cocoDir, background)).rotate().resize(1024, 1024, { fit: 'inside' });
      const { width, height } = await base.metadata().then(async () => {
        const meta = await base.clone().png().toBuffer({ resolveWithObject: true });
        return meta.info;
      });
      const lines = 1 + Math.floor(random() * 3);
      const words: TextSetWord[] = [];
      const lineCentres: { words: number; cx: number; cy: number; slant: number }[] = [];
      const parts: string[] = [];
      let y = 40 + random() * 80;
      for (let l = 0; l < lines && y < height - 30; l++) {
        const size = pickSize(random);
        let count = 1 + Math.floor(random() * 3);
        let lineWords = Array.from({ length: count }, () => pick(vocabulary));
        // A line that would run off the photo loses words (never the photo's edge cutting one in half).
        while (count > 1 && lineWords.join(' ').length * size * 0.6 > width - 60) lineWords = lineWords.slice(0, --count);
        const text = lineWords.join(' ');
        if (text.length * size * 0.6 > width - 60) continue;
        const font = pick(fonts);
        const angle = (random() * 2 - 1) * 15;
        const lightOnDark = random() < 0.5;
        const [ink, plate] = lightOnDark ? ['#f4f4f0', '#1d232b'] : ['#111418', '#f2efe6'];
        const estWidth = text.length * size * 0.6;
        const x = 20 + random() * Math.max(1, width - estWidth - 40);
        // A turned line reaches up and down by half its length times the sine: lines never cover each other.
        const reach = (Math.abs(Math.sin((angle * Math.PI) / 180)) * estWidth) / 2;
        y += size * 1.2 + reach;
        if (y + reach > height - 10) break;
        const cx = x + estWidth / 2;
        const cy = y - size / 2;
        const withPlate = random() < 0.75;
        const plateSvg = withPlate
          ? `<rect x="${(x - size * 0.4).toFixed(1)}" y="${(y - size * 1.15).toFixed(1)}" width="${(estWidth + size * 0.8).toFixed(1)}" height="${(size * 1.55).toFixed(1)}" fill="${plate}" rx="${(size * 0.15).toFixed(1)}"/>`
          : '';
        const outline = withPlate ? '' : ` stroke="${plate}" stroke-width="${Math.max(1, size / 14).toFixed(1)}" paint-order="stroke"`;
        parts.push(
          `<g transform="rotate(${angle.toFixed(1)} ${cx.toFixed(1)} ${cy.toFixed(1)})">${plateSvg}<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${font}" font-size="${size}" fill="${ink}"${outline}>${escapeXml(text)}</text></g>`,
        );
        lineCentres.push({ words: lineWords.length, cx, cy, slant: angle });
        for (const word of lineWords) words.push({ text: word, heightPx: size });
        y += size * (0.8 + random() * 1.5) + reach;
      }
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
      const blur = random() < 0.4 ? 0.3 + random() * 0.9 : 0;
      const quality = Math.round(40 + random() * 50);
      const turnRoll = random();
      const turned: TextSetItem['turned'] = turnRoll < 0.8 ? 0 : turnRoll < 0.87 ? 90 : turnRoll < 0.94 ? 180 : 270;
      let image = sharp(await base.clone().composite([{ input: Buffer.from(svg), top: 0, left: 0 }]).png().toBuffer());
      if (blur > 0) image = sharp(await image.blur(blur).png().toBuffer());
      if (turned !== 0) image = sharp(await image.rotate(turned).png().toBuffer());
      let w = 0;
      for (const line of lineCentres) {
        // The centre as a share of the upright photo, then turned with it (clockwise).
        const [u, v] = [line.cx / width, line.cy / height];
        const [cx, cy] = turned === 90 ? [1 - v, u] : turned === 180 ? [1 - u, 1 - v] : turned === 270 ? [v, 1 - u] : [u, v];
        for (let k = 0; k < line.words; k++) (words[w++] as TextSetWord).line = { cx: round3(cx), cy: round3(cy), slant: round3(line.slant) };
      }
      const file = `${splitName}-${String(n).padStart(3, '0')}.jpg`;
      await image.jpeg({ quality }).toFile(path.join(dir, file));
      items.push({ file, split: splitName, kind: 'rendered', words, turned });
    }
  }
  for (const photo of realTextPhotos) {
    const splitName = split.dev.includes(photo.file) ? 'dev' : 'test';
    fs.copyFileSync(path.join(cocoDir, photo.file), path.join(dir, `real-${photo.file}`));
    items.push({ file: `real-${photo.file}`, split: splitName, kind: 'real', words: photo.words.map((text) => ({ text, heightPx: 0 })), turned: 0 });
  }
  const manifest: TextSetManifest = { seed, items };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}
