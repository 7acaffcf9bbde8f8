/**
 * Measures learning from corrections through the product's own path, simulating a user:
 *
 * 1. New tags: scenes (dev + test) and coco photos are indexed into a temp library with the real models
 *    (LibraryService, worker threads, SQLite). For each k, every scene class is taught as a new tag ("my forest")
 *    from k random `dev` photos of that class through TeachingService (accepts logged as corrections, the tag's
 *    head trained in the learning worker, suggestions written as tags), then one retrain over the six tags (what
 *    the scheduler does after enough corrections). The tags written on the `test` photos are scored against the
 *    labels: per-class and mean F1. Then the examples are removed and the heads dropped before the next k.
 * 2. Corrections of the model: on coco `dev`, every mistake of the model's stored tags is corrected (wrong tags
 *    rejected, missing ones added) through CorrectionService; a retrain fits correction heads; coco `test`
 *    micro-F1 of the stored tags is measured before and after.
 * 3. Speed on 100,000 photos: a synthetic library with real-shaped stored vectors, 1,000 corrections over ten
 *    tags, one retrain (train_ms) and a full re-score of every live head (rescore_100k_ms).
 *
 *   npm run eval:teach -- --data ../shared/data/scenes --split test --shots 5,10,20 [--draws 3] [--json]
 *     [--profile fast|accurate]  the analyzer whose tags are corrected (default fast, the app's default)
 *     [--coco-only]              part 2 alone, on a library of the coco photos only (no scenes, no speed)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';
import { cocoClasses } from '../../native-models/tagger/cocoClasses.js';
import { taggerProfiles, type TaggerProfile } from '../../native-models/tagger/taggerProfile.js';
import { objectTagNames } from '../../native-models/tagger/vocabulary.js';
import { CorrectionService } from '../../electron/core/library/CorrectionService.js';
import { LearningService } from '../../electron/core/learning/LearningService.js';
import { TeachingService } from '../../electron/core/learning/TeachingService.js';
import { populateSyntheticLibrary } from '../bench/syntheticLibrary.js';
import { sharedData } from '../helpers/sharedData.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { indexLabelled, stderrProgress } from './lib/indexLabelled.js';
import { writeSyntheticVectors } from './lib/syntheticVectors.js';
import { pairedF1Interval, type PhotoCounts } from './lib/pairedBootstrap.js';
import { readTagDataset, type LabelledImage, type SplitName } from './lib/tagDataset.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    coco: { type: 'string' },
    split: { type: 'string', default: 'test' },
    shots: { type: 'string', default: '5,10,20' },
    draws: { type: 'string', default: '3' },
    photos: { type: 'string', default: '100000' },
    json: { type: 'boolean', default: false },
    'skip-speed': { type: 'boolean', default: false },
    'coco-only': { type: 'boolean', default: false },
    profile: { type: 'string', default: 'fast' },
  },
});
const split = values.split as SplitName;
if (split !== 'test' && split !== 'dev') throw new Error(`--split must be dev or test, not '${values.split}'`);
const shots = (values.shots ?? '5,10,20').split(',').map(Number);
if (shots.some((k) => !Number.isInteger(k) || k < 1)) throw new Error('--shots takes whole numbers, e.g. 5,10,20');
const draws = Number(values.draws);
const profile = values.profile as TaggerProfile;
if (!taggerProfiles.includes(profile)) throw new Error(`--profile must be one of ${taggerProfiles.join(', ')}`);
const cocoOnly = values['coco-only'] ?? false;
const json = values.json ?? false;
const log = (message: string) => {
  if (!json) process.stderr.write(message + '\n');
};
const round = (v: number) => Math.round(v * 10_000) / 10_000;

const scenesDir = values.data ?? sharedData('scenes');
const cocoDir = values.coco ?? sharedData('coco');
const scenes = cocoOnly ? [] : readTagDataset(scenesDir, 'all');
const sceneDev = new Set(cocoOnly ? [] : readTagDataset(scenesDir, 'dev').map((im) => im.file));
const sceneEval = cocoOnly ? [] : readTagDataset(scenesDir, split);
const coco = readTagDataset(cocoDir, 'all');
const cocoDev = readTagDataset(cocoDir, 'dev');
const cocoEval = readTagDataset(cocoDir, split === 'dev' ? 'dev' : 'test');

log(`Indexing ${scenes.length + coco.length} photos with the models…`);
const indexed = await indexLabelled([...scenes, ...coco], { profile }, stderrProgress(!json));
log('');
const library = indexed.library.db;
const modelThreshold = indexed.analyzer.modelInfo.threshold;
const learning = new LearningService(library, { dbFile: indexed.library.paths.database, modelThreshold });
const corrections = new CorrectionService(library);
const teaching = new TeachingService(library, corrections, learning);
const idOf = (im: LabelledImage) => indexed.idOf.get(im.file) as number;
const hasTag = (photoId: number, name: string) => library.tags.forPhoto(photoId).some((t) => t.name === name && t.state !== 'rejected');

// ---- 1. new tags from k examples ----
const classes = [...new Set(scenes.map((im) => im.labels[0] as string))].sort();
const shotReport: Record<string, { mean_f1: number; per_class: Record<string, number>; teach_ms: number; retrain_ms: number; draws: number }> = {};
const random = seededRandom(2024);
for (const k of cocoOnly ? [] : shots) {
  const perClass: Record<string, number[]> = Object.fromEntries(classes.map((c) => [c, []]));
  let teachMs = 0;
  let retrainMs = 0;
  for (let d = 0; d < draws; d++) {
    const taught = new Map<string, number[]>();
    for (const c of classes) {
      const pool = scenes.filter((im) => sceneDev.has(im.file) && im.labels[0] === c).map(idOf);
      const picked = pool.map((id) => [random(), id] as const).sort((a, b) => a[0] - b[0]).slice(0, k).map(([, id]) => id);
      const name = `my ${c} k${k}`;
      const started = performance.now();
      await teaching.teach(name, picked);
      teachMs += performance.now() - started;
      taught.set(name, picked);
    }
    const run = await learning.retrain({ trigger: 'manual', tags: [...taught.keys()] });
    retrainMs += (run.trainMs ?? 0) + (run.rescoreMs ?? 0);
    for (const c of classes) {
      const name = `my ${c} k${k}`;
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const im of sceneEval) {
        const id = idOf(im);
        if ((taught.get(name) ?? []).includes(id)) continue;
        const predicted = hasTag(id, name);
        const actual = im.labels[0] === c;
        if (predicted && actual) tp++;
        else if (predicted) fp++;
        else if (actual) fn++;
      }
      perClass[c]?.push(tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
    }
    // Forget this draw: the examples go (removed like a user would) and the heads with their suggestions.
    for (const [name, ids] of taught) {
      corrections.correctTags('remove', ids, name);
      await learning.rollback(name, null);
    }
  }
  const means = Object.fromEntries(classes.map((c) => [c, round((perClass[c] ?? []).reduce((a, b) => a + b, 0) / draws)]));
  const meanF1 = round(Object.values(means).reduce((a, b) => a + b, 0) / classes.length);
  shotReport[String(k)] = { mean_f1: meanF1, per_class: means, teach_ms: Math.round(teachMs / (draws * classes.length)), retrain_ms: Math.round(retrainMs / draws), draws };
  log(`${k} shots: mean F1 ${meanF1} ${JSON.stringify(means)}`);
}

// ---- 2. corrections of the model's own tags on coco ----
const classOfTag = new Map(objectTagNames.map((name, i) => [name, cocoClasses[i] as string]));
const objectClasses = (photoId: number) =>
  new Set(library.tags.forPhoto(photoId).filter((t) => t.state !== 'rejected' && classOfTag.has(t.name)).map((t) => classOfTag.get(t.name) as string));
const photoCounts = (images: readonly LabelledImage[]): PhotoCounts[] =>
  images.map((im) => {
    const predicted = objectClasses(idOf(im));
    const actual = new Set(im.labels);
    const tp = [...predicted].filter((c) => actual.has(c)).length;
    return { tp, fp: predicted.size - tp, fn: actual.size - tp };
  });
const microF1 = (counts: readonly PhotoCounts[]) => {
  const sum = (k: keyof PhotoCounts) => counts.reduce((a, r) => a + r[k], 0);
  return round((2 * sum('tp')) / (2 * sum('tp') + sum('fp') + sum('fn')));
};
const beforeCounts = photoCounts(cocoEval);
const beforeMicro = microF1(beforeCounts);
let rejected = 0;
let added = 0;
for (const im of cocoDev) {
  const id = idOf(im);
  const predicted = objectClasses(id);
  const actual = new Set(im.labels);
  const nameOf = (c: string) => objectTagNames[cocoClasses.indexOf(c as (typeof cocoClasses)[number])] as string;
  const wrong = [...predicted].filter((c) => !actual.has(c)).map(nameOf);
  const missing = [...actual].filter((c) => !predicted.has(c)).map(nameOf);
  for (const name of wrong) corrections.correctTags('reject', [id], name);
  for (const name of missing) corrections.correctTags('add', [id], name);
  rejected += wrong.length;
  added += missing.length;
}
const cocoRun = await learning.retrain({ trigger: 'manual' });
const afterCounts = photoCounts(cocoEval);
const afterMicro = microF1(afterCounts);
const liftInterval = pairedF1Interval(beforeCounts, afterCounts).map(round);
const swappedCorrections = cocoRun.tags.filter((t) => t.decision === 'swapped' && t.kind === 'correction').map((t) => t.tag);
for (const t of cocoRun.tags) log(`  ${t.tag}: ${t.decision}, ${t.reason}`);
log(`coco ${split}: micro-F1 ${beforeMicro} → ${afterMicro} (paired 95 % interval of the change ${liftInterval.join(' … ')}) after ${rejected} rejections and ${added} additions on dev; heads swapped in: ${swappedCorrections.join(', ') || 'none'}`);
await learning.close();
await indexed.close();

// ---- 3. speed on a 100,000-photo library ----
let speed: { train_ms: number | null; rescore_100k_ms: number | null; corrections: number; photos: number; rescore: unknown } = { train_ms: null, rescore_100k_ms: null, corrections: 0, photos: 0, rescore: null };
if (!values['skip-speed'] && !cocoOnly) {
  const photos = Number(values.photos);
  const temp = makeTempDir('phototag-eval-teach-');
  try {
    const file = path.join(temp.dir, 'library.db');
    const db = LibraryDatabase.open(file);
    log(`Building a ${photos}-photo synthetic library with stored vectors…`);
    populateSyntheticLibrary(db, { photos });
    const vectors = writeSyntheticVectors(db, photos);
    const speedLearning = new LearningService(db, { dbFile: file, modelThreshold });
    const speedCorrections = new CorrectionService(db);
    const pick = new Map<number, number[]>();
    const present = (id: number) => db.photos.byId(id)?.state === 'indexed';
    for (let id = 1; id <= photos; id++) {
      if (!present(id)) continue;
      const c = vectors.clusterOf[id] as number;
      if (c < 5) pick.set(c, [...(pick.get(c) ?? []), id]);
    }
    // 500 examples of five new tags, and 500 verdicts on five model tags (half rejected), as a user builds up.
    let count = 0;
    for (let c = 0; c < 5; c++) {
      speedCorrections.correctTags('accept', (pick.get(c) ?? []).slice(0, 100), `synthetic kind ${c}`);
      count += 100;
    }
    const modelTags = ['person', 'car', 'dog', 'cat', 'bicycle'];
    for (const [t, name] of modelTags.entries()) {
      const ids = Array.from({ length: 120 }, (_, i) => 1 + ((i * 997 + t * 131) % photos)).filter(present).slice(0, 100);
      speedCorrections.correctTags('reject', ids.slice(0, 50), name);
      speedCorrections.correctTags('accept', ids.slice(50), name);
      count += 100;
    }
    // The synthetic library carries a little correction history of its own (favourites, rejections); the run is
    // restricted to the ten tags above, so it measures exactly these 1,000 corrections.
    const taughtTags = [...Array.from({ length: 5 }, (_, c) => `synthetic kind ${c}`), ...modelTags];
    const started = performance.now();
    const run = await speedLearning.retrain({ trigger: 'manual', tags: taughtTags });
    const trainMs = Math.round(performance.now() - started - (run.rescoreMs ?? 0));
    const rescore = await speedLearning.rescore(null);
    speed = {
      train_ms: trainMs,
      rescore_100k_ms: rescore.totalMs,
      corrections: count,
      photos,
      rescore: { ...rescore, heads: run.tags.filter((t) => t.decision === 'swapped').length, first_rescore_after_swap_ms: run.rescoreMs },
    };
    log(`retrain from ${count} corrections: ${trainMs} ms; re-scoring ${rescore.photos} photos × ${rescore.tags} heads: ${rescore.totalMs} ms`);
    await speedLearning.close();
    db.close();
  } finally {
    temp.cleanup();
  }
}

const report = {
  split,
  profile,
  shots: shotReport,
  train_ms: speed.train_ms,
  rescore_100k_ms: speed.rescore_100k_ms,
  coco: { before_micro_f1: beforeMicro, after_micro_f1: afterMicro, lift_ci95: liftInterval, rejected, added, heads_swapped: swappedCorrections, threshold: modelThreshold },
  speed: { corrections: speed.corrections, photos: speed.photos, rescore: speed.rescore },
};
console.log(json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
