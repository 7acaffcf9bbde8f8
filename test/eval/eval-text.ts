import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { decodePhoto } from '../../electron/core/imaging/index.js';
import { decodeForGate, decodeForReading } from '../../electron/core/text/decodeForText.js';
import { findTextRegions, gateResize } from '../../native-models/text/textGate.js';
import { TextReader } from '../../native-models/text/TextReader.js';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { buildTextSet, type TextSetItem, type TextSetManifest } from './lib/textSet.js';
import { textWordsMatch } from './lib/textMetrics.js';

/**
 * `npm run eval:text -- [--split dev|test] [--set <dir>] [--json]`: builds the text set (fixed seed) into a temp
 * folder unless --set names one already built, reads every photo with the production reader, and reports word
 * recall by text size, precision, the gate's recall, and the share of coco photos the gate sends to OCR.
 */
const { values } = parseArgs({ options: { split: { type: 'string', default: 'test' }, set: { type: 'string' }, json: { type: 'boolean', default: false } } });
const split = values.split as 'dev' | 'test';
if (!['dev', 'test'].includes(split)) throw new Error(`--split must be dev or test, not '${split}'`);

const setDir = values.set ?? path.join(os.tmpdir(), 'phototag-text-set');
const manifestFile = path.join(setDir, 'manifest.json');
const manifest: TextSetManifest = fs.existsSync(manifestFile) ? readJson<TextSetManifest>(manifestFile) : await buildTextSet(setDir);
const items = manifest.items.filter((item) => item.split === split);

const buckets = [
  { name: '12-19px', lo: 12, hi: 19 },
  { name: '20-39px', lo: 20, hi: 39 },
  { name: '40-80px', lo: 40, hi: 80 },
] as const;
const tally = new Map<string, { expected: number; found: number }>();
const count = (key: string, found: boolean) => {
  const t = tally.get(key) ?? { expected: 0, found: 0 };
  t.expected++;
  if (found) t.found++;
  tally.set(key, t);
};
let readWords = 0;
let correctWords = 0;
let gateKept = 0;
let gateOf = 0;
let readMs = 0;
const wrong: string[] = [];
const missedPhotos: string[] = [];

const reader = await TextReader.open({ languages: ['eng'] });
try {
  for (const item of items) {
    const bytes = fs.readFileSync(path.join(setDir, item.file));
    // As the text pass reads a photo: the gate at its own size, the reading size decoded only when it finds text.
    const size = await uprightSize(bytes);
    const started = performance.now();
    const pixels = await decodeForReading(bytes, size);
    const reading = await reader.read(pixels.gate, pixels.full ? { full: pixels.full } : {});
    readMs += performance.now() - started;
    const match = textWordsMatch(item.words.map((w) => w.text), reading.words.map((w) => w.text));
    item.words.forEach((word, i) => {
      const bucket = item.kind === 'real' ? 'real' : (buckets.find((b) => word.heightPx >= b.lo && word.heightPx <= b.hi)?.name ?? 'other');
      count(bucket, match.expectedFound[i] as boolean);
      if (item.kind === 'rendered' && word.heightPx >= 20) count('>=20px', match.expectedFound[i] as boolean);
      if (item.turned !== 0) count(`turned`, match.expectedFound[i] as boolean);
    });
    readWords += reading.words.length;
    correctWords += match.correctRead;
    reading.words.forEach((w, i) => {
      if (!match.readCorrect[i]) wrong.push(`${item.file}:${w.text}(${w.confidence})`);
    });
    if (hasReadableText(item)) {
      gateOf++;
      if (reading.regions > 0) gateKept++;
      else missedPhotos.push(item.file);
    }
  }
} finally {
  await reader.close();
}

/** The photo's upright size, as the index stores it (the text pass decodes by it). */
async function uprightSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await decodePhoto(bytes, { previewSize: 16 });
  return { width, height };
}

function hasReadableText(item: TextSetItem): boolean {
  return item.kind === 'real' || item.words.some((w) => w.heightPx >= 20);
}

// The gate alone over coco photos of the same split (the synthetic set's backgrounds are coco too).
const cocoSplit = readJson<{ dev: string[]; test: string[] }>(sharedData('coco', 'split.json'))[split];
let cocoSent = 0;
let gateMs = 0;
for (const file of cocoSplit) {
  const bytes = fs.readFileSync(sharedData('coco', 'images', file));
  const image = await decodeForGate(bytes, await uprightSize(bytes));
  const started = performance.now();
  const grey = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(gateResize(image.width, image.height))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gate = findTextRegions({ data: grey.data, width: grey.info.width, height: grey.info.height });
  gateMs += performance.now() - started;
  if (gate.regions.length > 0) cocoSent++;
}

const recall = Object.fromEntries([...tally].map(([k, t]) => [k, { recall: round(t.found / t.expected), words: t.expected }]));
const report = {
  split,
  photos: items.length,
  seed: manifest.seed,
  wordRecall: recall,
  precision: round(correctWords / Math.max(1, readWords)),
  wordsRead: readWords,
  gateRecall: round(gateKept / Math.max(1, gateOf)),
  gateMissed: missedPhotos,
  cocoSentToOcr: round(cocoSent / cocoSplit.length),
  cocoPhotos: cocoSplit.length,
  msPerPhotoRead: Math.round(readMs / items.length),
  msPerCocoGate: round(gateMs / cocoSplit.length),
  wrongWords: wrong.slice(0, 40),
};
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`text eval on ${split}: ${items.length} photos (seed ${manifest.seed})`);
  for (const [k, v] of Object.entries(recall)) console.log(`  recall ${k.padEnd(8)} ${v.recall.toFixed(3)} (${v.words} words)`);
  console.log(`  precision ${report.precision.toFixed(3)} (${readWords} words read)`);
  console.log(`  gate keeps ${report.gateRecall.toFixed(3)} of photos with readable text; sends ${report.cocoSentToOcr.toFixed(3)} of ${cocoSplit.length} coco photos to OCR`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
