/**
 * Tunes the new-tag library threshold rules (native-models/learning/libraryThreshold.ts) on `dev` photos only:
 * concepts taught from k dev examples through the production collector and trainer, each head scored over the
 * library once, then every rule setting in a small grid applied to the same scores and measured on the dev photos
 * not taught. Reads a library indexed by `npm run eval:teach -- --concepts --save-library file.db`.
 *
 * Dev is small: ten examples of *sport* leave 3 of its 13 dev photos untaught, so on the untaught dev photos the
 * concept is four times rarer than in the library the threshold was chosen for, and any rule that trades
 * precision for recall looks worse than it is. So (1) twelve concepts are taught (concepts.ts,
 * tuningConceptDefinitions: the eval's five and seven with more dev photos), and (2) F1 is also counted
 * "corrected": each concept's true positives and misses scaled by (its dev photos ÷ its untaught dev photos),
 * as if the untaught photos held the concept at its dev share. Concepts with no dev photo left are skipped.
 *
 *   npx tsx test/eval/tune-teach-threshold.ts --library file.db [--draws 5] [--shots 5,10] [--recipe '{"l2":3}'] [--unnamed] [--seed 99]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { collectExamples } from '../../electron/core/learning/collectExamples.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';
import { compileHead, scoreRows } from '../../native-models/heads/tagHead.js';
import { learningRecipe } from '../../native-models/learning/learningRecipe.js';
import { chooseEstimatedF1Threshold, chooseLibraryThreshold } from '../../native-models/learning/libraryThreshold.js';
import { trainTagHead } from '../../native-models/learning/trainTagHead.js';
import { fusionModels } from '../../native-models/tagger/fusionWeights.js';
import { sharedData } from '../helpers/sharedData.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { readTagDataset } from './lib/tagDataset.js';
import { conceptDefinitions, tuningConceptDefinitions } from './lib/concepts.js';

const { values } = parseArgs({ options: { library: { type: 'string' }, draws: { type: 'string', default: '5' }, recipe: { type: 'string' }, shots: { type: 'string', default: '5,10' }, unnamed: { type: 'boolean', default: false }, seed: { type: 'string', default: '99' } } });
// `--recipe '{"l2":0.3}'`: a variant of the new-tag recipe to try (merged into learningRecipe.newTag).
const newTag = { ...learningRecipe.newTag, ...(values.recipe ? (JSON.parse(values.recipe) as Partial<typeof learningRecipe.newTag>) : {}) };
if (!values.library) throw new Error('--library file.db: a library saved by eval:teach --concepts --save-library');
const draws = Number(values.draws);
const temp = makeTempDir('phototag-tune-threshold-');
const file = path.join(temp.dir, 'library.db');
fs.copyFileSync(values.library, file);
const db = LibraryDatabase.open(file);
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
const poolById = new Map(pool.map((im) => [idOf.get(im.file) as number, im]));
const concepts = tuningConceptDefinitions;
const means = (name: string, im: (typeof pool)[number]) => {
  const c = concepts[name] as { coco: readonly string[]; scenes: readonly string[] };
  return im.labels.some((l) => (im.source === 'coco' ? c.coco : c.scenes).includes(l));
};

type Rule = (outOfFold: number[], library: number[]) => number;
const rules = new Map<string, Rule>();
const base = newTag.libraryThreshold ?? { minRecall: 1, smoothing: 5, floor: 0.4, folds: 5, minPositives: 3, manyExamples: null };
for (const t of [0.25, 0.4]) rules.set(`fixed ${t}`, () => t);
rules.set('keep every example, floor 0.4 (the few-example rule)', (oof, lib) => chooseLibraryThreshold(oof, lib, { minRecall: 1, smoothing: base.smoothing, floor: 0.4 }).threshold);
for (const floor of [0.15, 0.25, 0.3]) {
  for (const prevalenceRecall of [0.5, 0.7]) {
    for (const minSpread of [0.5, 1]) {
      const rule = { floor, ceiling: 0.7, prevalenceRecall, minSpread };
      rules.set(`estimated F1 floor ${floor} prevalence at ${prevalenceRecall} spread ≥ ${minSpread}`, (oof, lib) => chooseEstimatedF1Threshold(oof, lib, rule).threshold);
    }
  }
}
// Per rule, k and concept: true positives, false positives, misses, and the same with the positives scaled.
const counts = new Map<string, { tp: number; fp: number; fn: number }>();
const random = seededRandom(Number(values.seed));
const shotList = (values.shots ?? '5,10').split(',').map(Number);
for (const k of shotList) {
  for (let d = 0; d < draws; d++) {
    for (const name of Object.keys(concepts)) {
      const candidates = pool.filter((im) => dev.has(im.file) && means(name, im)).map((im) => idOf.get(im.file) as number);
      const picked = candidates.map((id) => [random(), id] as const).sort((a, b) => a[0] - b[0]).slice(0, k).map(([, id]) => id);
      // The tag is named after the concept, as a user would name it, or (`--unnamed`) by a word that means nothing.
      const tagName = values.unnamed ? `c${Object.keys(concepts).indexOf(name)}` : name;
      const data = collectExamples(db, { modelThreshold: fusionModels.fast.threshold, tags: [tagName], pending: { tag: tagName, photoIds: picked } });
      const tag = data?.tags[0];
      if (!data || !tag) throw new Error('nothing to train');
      const result = trainTagHead(data.source, data.normalizer, tag.examples, { inputs: data.versions, keepLibraryScores: true, recipe: { ...learningRecipe, newTag } });
      const scores = result.libraryScores;
      if (!scores) throw new Error('no library scores');
      const source = db.vectorMatrix.matrix(data.versions);
      const confidences = scoreRows(compileHead(result.head, source.embeddingDim, source.scoresDim), source);
      const taught = new Set(picked);
      const measured: { confidence: number; actual: boolean }[] = [];
      source.photoIds.forEach((id, row) => {
        const im = poolById.get(id);
        if (im && dev.has(im.file) && !taught.has(id)) measured.push({ confidence: confidences[row] as number, actual: means(name, im) });
      });
      const left = measured.filter((m) => m.actual).length;
      if (left === 0) continue;
      const scale = candidates.length / left;
      // Raw counts, and the same with the untaught positives scaled back to the concept's dev count.
      const tally = (key: string, t: number) => {
        for (const [suffix, weight] of [['', 1], ['|scaled', scale]] as const) {
          const c = counts.get(`${key}|${k}|${name}${suffix}`) ?? { tp: 0, fp: 0, fn: 0 };
          for (const m of measured) {
            if (m.confidence >= t && m.actual) c.tp += weight;
            else if (m.confidence >= t) c.fp++;
            else if (m.actual) c.fn += weight;
          }
          counts.set(`${key}|${k}|${name}${suffix}`, c);
        }
      };
      for (const [key, rule] of rules) tally(key, rule(scores.outOfFold, scores.library));
      tally('production recipe', result.head.threshold);
    }
    process.stderr.write(`k ${k} draw ${d + 1} done\n`);
  }
}
const metrics = (c: { tp: number; fp: number; fn: number }) => ({ p: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0, r: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0, f1: c.tp > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0 });
const summary = (key: string, k: number, names: string[], scaled: boolean) => {
  const list = names.flatMap((name) => {
    const c = counts.get(`${key}|${k}|${name}${scaled ? '|scaled' : ''}`);
    return c ? [metrics(c)] : [];
  });
  const avg = (f: 'p' | 'r' | 'f1') => list.reduce((a, m) => a + m[f], 0) / Math.max(1, list.length);
  return `P ${avg('p').toFixed(3)} R ${avg('r').toFixed(3)} F1 ${avg('f1').toFixed(3)}`;
};
const all = Object.keys(concepts);
const five = Object.keys(conceptDefinitions);
for (const key of [...rules.keys(), 'production recipe']) {
  console.log(key);
  for (const k of shotList) {
    console.log(`  ${k} shots, ${all.length} concepts, corrected: ${summary(key, k, all, true)} | raw: ${summary(key, k, all, false)} | the eval's five, corrected: ${summary(key, k, five, true)}`);
  }
}
// Per concept, the production recipe's corrected precision / recall (where its errors are).
for (const k of shotList) {
  const per = all.flatMap((name) => {
    const c = counts.get(`production recipe|${k}|${name}|scaled`);
    if (!c) return [];
    const m = metrics(c);
    return [`${name} ${m.p.toFixed(2)}/${m.r.toFixed(2)}`];
  });
  console.log(`production recipe, ${k} shots, per concept (corrected P/R): ${per.join(', ')}`);
}
db.close();
temp.cleanup();
