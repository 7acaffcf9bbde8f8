/**
 * Measures the tagger on a labelled folder: images/, labels.json ({file: [COCO names]}), optionally split.json and
 * meta.json (coco_split → a separate val2017 figure, since most COCO train2017 photos were seen in training).
 *
 *   npx tsx test/eval/eval-tags.ts --data <dir> [--split dev|test|all] [--profile fast|accurate] [--json]
 */
import { cocoClassCount, cocoClasses } from '../../native-models/tagger/cocoClasses.js';
import { createTagger } from '../../native-models/tagger/createTagger.js';
import { taggerProfiles } from '../../native-models/tagger/taggerProfile.js';
import type { TaggerProfile } from '../../native-models/tagger/taggerProfile.js';
import { decodeForTagger } from './lib/decodeForTagger.js';
import { evalArgs } from './lib/evalArgs.js';
import { readTagDataset } from './lib/tagDataset.js';
import type { LabelledImage } from './lib/tagDataset.js';
import { tagMetrics } from './lib/tagMetrics.js';
import type { TagMetrics } from './lib/tagMetrics.js';

const args = evalArgs(() => {
  throw new Error('--data <dir> is required');
}, 'all');
const profile = (args.profile ?? 'accurate') as TaggerProfile;
if (!taggerProfiles.includes(profile)) throw new Error(`--profile must be one of ${taggerProfiles.join(', ')}`);
let images: LabelledImage[];
try {
  images = readTagDataset(args.data, args.split);
} catch (error) {
  // A folder without split.json is evaluated whole when no split was asked for explicitly.
  if (args.split !== 'all' && !process.argv.includes('--split')) images = readTagDataset(args.data, 'all');
  else throw error;
}

const tagger = await createTagger({ backend: 'wasm', profile });
const classIndex = new Map<string, number>(cocoClasses.map((c, i) => [c, i]));
const scores: Float32Array[] = [];
let decodeMs = 0;
let tagMs = 0;
const batchSize = 4;
for (let start = 0; start < images.length; start += batchSize) {
  const chunk = images.slice(start, start + batchSize);
  const t0 = performance.now();
  const decoded = await Promise.all(chunk.map((im) => decodeForTagger(im.path)));
  const t1 = performance.now();
  const results = await tagger.tagBatch(decoded);
  tagMs += performance.now() - t1;
  decodeMs += t1 - t0;
  scores.push(...results.map((r) => r.scores));
  if (!args.json) process.stderr.write(`\r${Math.min(images.length, start + batchSize)}/${images.length}`);
}
if (!args.json) process.stderr.write('\n');
tagger.dispose();

const truthOf = (im: LabelledImage) => new Set(im.labels.map((l) => classIndex.get(l)).filter((c): c is number => c !== undefined));
const measure = (which: number[]): TagMetrics =>
  tagMetrics(which.map((i) => scores[i] as Float32Array), which.map((i) => truthOf(images[i] as LabelledImage)), cocoClassCount, tagger.threshold);
const all = images.map((_, i) => i);
const val = all.filter((i) => images[i]?.cocoSplit === 'val2017');
const trainSeen = all.filter((i) => images[i]?.cocoSplit === 'train2017');
const round = (m: TagMetrics) => JSON.parse(JSON.stringify(m, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10000) / 10000 : v))) as TagMetrics;
const report: Record<string, unknown> = {
  model: tagger.version,
  backend: tagger.backend.name,
  threshold: tagger.threshold,
  split: args.split,
  ...round(measure(all)),
};
if (val.length) report.val2017 = round(measure(val));
if (trainSeen.length) report.train2017 = round(measure(trainSeen));
report.msPerImage = { decode: Math.round(decodeMs / images.length), tag: Math.round(tagMs / images.length) };

if (args.json) console.log(JSON.stringify(report));
else console.log(JSON.stringify(report, null, 2));
