/**
 * Caption quality through the indexing code path: the captions folder's photos (its images live in ../coco/images)
 * are indexed into a temp library and the caption each photo stored is scored with BLEU-1..4 and CIDEr-D against
 * its 5 human references, beside the trivial baseline "a photo of a <top tag>" built from the same stored tags.
 *
 *   npm run eval:captions -- --data ../shared/data/captions [--split dev|test] [--profile fast|accurate] [--json]
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TaggerProfile } from '../../native-models/tagger/taggerProfile.js';
import { bleu, ciderD } from './caption-metrics.js';
import { evalArgs } from './lib/evalArgs.js';
import { indexLabelled, stderrProgress } from './lib/indexLabelled.js';
import type { LabelledImage } from './lib/tagDataset.js';

const args = evalArgs(() => {
  throw new Error('--data <dir> is required (the captions folder: labels.json with 5 references per photo, split.json)');
}, 'all');
const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(args.data, name), 'utf8')) as T;
const references = read<Record<string, string[]>>('labels.json');
let files = Object.keys(references).sort();
if (args.split !== 'all') {
  const split = read<Record<string, string[]>>('split.json')[args.split];
  if (!split) throw new Error(`${args.data}/split.json has no '${args.split}' list`);
  files = [...split].sort();
}
// The captions folder holds no pictures: they are the same-named COCO photos.
const imagesDir = fs.existsSync(path.join(args.data, 'images')) ? path.join(args.data, 'images') : path.join(args.data, '..', 'coco', 'images');
const images: LabelledImage[] = files.map((file) => ({ file, path: path.join(imagesDir, file), labels: [] }));

const indexed = await indexLabelled(images, { profile: (args.profile ?? 'fast') as TaggerProfile }, stderrProgress(!args.json));
if (!args.json) process.stderr.write('\n');
const captions: string[] = [];
const baseline: string[] = [];
for (const im of images) {
  const id = indexed.idOf.get(im.file) as number;
  captions.push(indexed.library.db.captions.get(id)?.text ?? '');
  const top = indexed.library.db.tags.forPhoto(id).find((t) => t.kind === 'object');
  baseline.push(top ? `a photo of a ${top.name}` : 'a photo');
}
const model = indexed.analyzer.version;
await indexed.close();

const refs = images.map((im) => references[im.file] ?? []);
const round = (x: number) => Math.round(x * 10000) / 10000;
const report = {
  model,
  split: args.split,
  images: images.length,
  bleu: bleu(captions, refs).map(round),
  cider: round(ciderD(captions, refs)),
  baseline: { bleu: bleu(baseline, refs).map(round), cider: round(ciderD(baseline, refs)) },
  examples: images.slice(0, 5).map((im, i) => ({ file: im.file, caption: captions[i], reference: refs[i]?.[0] })),
};
if (args.json) console.log(JSON.stringify(report));
else console.log(JSON.stringify(report, null, 2));
