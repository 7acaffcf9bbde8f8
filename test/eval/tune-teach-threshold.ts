/**
 * Tunes the new-tag library threshold rule (native-models/learning/libraryThreshold.ts) on `dev` photos only:
 * the concept eval's teaching (k dev examples of pet, vehicle, food, sport, nature) through the production
 * collector and trainer, each head scored over the library once, then every rule setting in a small grid applied
 * to the same scores and measured on the dev photos not taught. Reads a library indexed by
 * `npm run eval:teach -- --concepts --save-library file.db`.
 *
 *   npx tsx test/eval/tune-teach-threshold.ts --library file.db [--draws 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { collectExamples } from '../../electron/core/learning/collectExamples.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';
import { compileHead, scoreRows } from '../../native-models/heads/tagHead.js';
import { learningRecipe } from '../../native-models/learning/learningRecipe.js';
import { chooseLibraryThreshold } from '../../native-models/learning/libraryThreshold.js';
import { trainTagHead } from '../../native-models/learning/trainTagHead.js';
import { fusionModels } from '../../native-models/tagger/fusionWeights.js';
import { sharedData } from '../helpers/sharedData.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { readTagDataset } from './lib/tagDataset.js';
import { conceptDefinitions } from './lib/concepts.js';

const { values } = parseArgs({ options: { library: { type: 'string' }, draws: { type: 'string', default: '5' }, recipe: { type: 'string' }, shots: { type: 'string', default: '5,10' } } });
// `--recipe '{"l2":0.3}'`: a variant of the new-tag recipe to try (merged into learningRecipe.newTag).
const newTag = { ...learningRecipe.newTag, ...(values.recipe ? (JSON.parse(values.recipe) as Partial<typeof learningRecipe.newTag>) : {}) };
if (!values.library) throw new Error('--library file.db: a library saved by eval:teach --concepts --save-library');
const draws = Number(values.draws);
const temp = makeTempDir('phototag-tune-threshold-');
const file = path.join(temp.dir, 'library.db');
fs.copyFileSync(values.library, file);
const db = LibraryDatabase.open(file, { readonly: true });
const scenesDir = sharedData('scenes');
const cocoDir = sharedData('coco');
const pool = [
  ...readTagDataset(cocoDir, 'all').map((im) => ({ ...im, source: 'coco' as const })),
  ...readTagDataset(scenesDir, 'all').map((im) => ({ ...im, source: 'scenes' as const })),
];
const dev = new Set([...readTagDataset(cocoDir, 'dev'), ...readTagDataset(scenesDir, 'dev')].map((im) => im.file));
const idOf = new Map<string, number>();
for (let id = 1, misses = 0; misses < 1000; id++) {
  const row = db.photos.byId(id);
  if (!row) misses++;
  else idOf.set(row.fileName, id);
}
const means = (name: string, im: (typeof pool)[number]) => {
  const c = conceptDefinitions[name] as { coco: readonly string[]; scenes: readonly string[] };
  return im.labels.some((l) => (im.source === 'coco' ? c.coco : c.scenes).includes(l));
};
const grid: { floor: number; minRecall: number; smoothing: number }[] = [];
for (const floor of [0.05, 0.1, 0.2, 0.3, 0.4]) for (const minRecall of [0.4, 0.6, 0.8, 1]) for (const smoothing of [1, 5, 20]) grid.push({ floor, minRecall, smoothing });
const fixed = [0.1, 0.2, 0.3, 0.4, 0.5];
const random = seededRandom(99);
const results = new Map<string, { k: number; p: number[]; f1: number[] }>();
const record = (key: string, k: number, p: number, f1: number) => {
  const entry = results.get(`${key} k${k}`) ?? { k, p: [], f1: [] };
  entry.p.push(p);
  entry.f1.push(f1);
  results.set(`${key} k${k}`, entry);
};
const rule = newTag.libraryThreshold ?? { folds: 5, minPositives: 3 };
const shotList = (values.shots ?? '5,10').split(',').map(Number);
for (const k of shotList) {
  for (let d = 0; d < draws; d++) {
    for (const name of Object.keys(conceptDefinitions)) {
      const candidates = pool.filter((im) => dev.has(im.file) && means(name, im)).map((im) => idOf.get(im.file) as number);
      const picked = candidates.map((id) => [random(), id] as const).sort((a, b) => a[0] - b[0]).slice(0, k).map(([, id]) => id);
      const data = collectExamples(db, { modelThreshold: fusionModels.fast.threshold, tags: [name], pending: { tag: name, photoIds: picked } });
      const tag = data?.tags[0];
      if (!data || !tag) throw new Error('nothing to train');
      const result = trainTagHead(data.source, data.normalizer, tag.examples, { inputs: data.versions, keepLibraryScores: true, recipe: { ...learningRecipe, newTag: { ...newTag, libraryThreshold: { ...rule, minRecall: 0, smoothing: 1, floor: 0 } } } });
      const scores = result.libraryScores;
      if (!scores) throw new Error('no library scores');
      const source = db.vectorMatrix.matrix(data.versions);
      const confidences = scoreRows(compileHead(result.head, source.embeddingDim, source.scoresDim), source);
      const taught = new Set(picked);
      const measured: { confidence: number; actual: boolean }[] = [];
      source.photoIds.forEach((id, row) => {
        const im = pool.find((p) => idOf.get(p.file) === id);
        if (im && dev.has(im.file) && !taught.has(id)) measured.push({ confidence: confidences[row] as number, actual: means(name, im) });
      });
      const measure = (t: number) => {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const m of measured) {
          if (m.confidence >= t && m.actual) tp++;
          else if (m.confidence >= t) fp++;
          else if (m.actual) fn++;
        }
        return { p: tp + fp ? tp / (tp + fp) : 0, f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0 };
      };
      for (const t of fixed) {
        const m = measure(t);
        record(`fixed ${t}`, k, m.p, m.f1);
      }
      for (const g of grid) {
        const chosen = chooseLibraryThreshold(scores.outOfFold, scores.library, g);
        const m = measure(chosen.threshold);
        record(`rule floor ${g.floor} minRecall ${g.minRecall} smoothing ${g.smoothing}`, k, m.p, m.f1);
      }
    }
    process.stderr.write(`k ${k} draw ${d + 1} done\n`);
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const keys = [...new Set([...results.keys()].map((key) => key.replace(/ k\d+$/, '')))];
const rows = keys.map((key) => ({ key, p5: mean(results.get(`${key} k5`)?.p ?? [0]), f1_5: mean(results.get(`${key} k5`)?.f1 ?? [0]), p10: mean(results.get(`${key} k10`)?.p ?? [0]), f1_10: mean(results.get(`${key} k10`)?.f1 ?? [0]) }));
rows.sort((a, b) => b.f1_10 + b.p5 - (a.f1_10 + a.p5));
for (const r of rows) console.log(`${r.key.padEnd(48)} 5-shot P ${r.p5.toFixed(3)} F1 ${r.f1_5.toFixed(3)} | 10-shot P ${r.p10.toFixed(3)} F1 ${r.f1_10.toFixed(3)}`);
db.close();
temp.cleanup();
