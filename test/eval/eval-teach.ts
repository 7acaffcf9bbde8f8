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
 *    micro-F1 of the stored tags is measured before and after. With `--split dev`, dev alone: each of `--repeats`
 *    random halvings corrects one half and measures the other (both ways), on copies of the indexed library, so
 *    the learner can be tuned without touching test.
 * 3. Speed on 100,000 photos: a synthetic library with real-shaped stored vectors, 1,000 corrections over ten
 *    tags, one retrain (train_ms) and a full re-score of every live head (rescore_100k_ms).
 *
 * 4. Concepts (`--concepts`, alone): a user teaches a broad concept ("pet", "vehicle", "food", "sport", "nature")
 *    from k `dev` photos of it, as in the UI (examples only, no rejections), in a library of every coco and scenes
 *    photo; the tag's photos among the `test` photos of both folders are scored against the labels that define
 *    the concept (see `concepts` below): precision, recall, F1 per concept, mean and spread over the draws.
 *    With `--split dev`, measured on the dev photos nobody taught (for tuning the threshold rule).
 *
 *   npm run eval:teach -- --concepts [--shots 5,10] [--draws 5] [--split test|dev] [--json]
 *     [--unnamed]               tags named "c0 k10 d0" instead of "pet k10 d0": no prior from the tag's name
 *     [--save-library file.db]  keep a copy of the indexed library; [--library file.db] teach on a copy of one
 *                               saved before instead of indexing again (the same photos, the same models)
 *   npm run eval:teach -- --data ../shared/data/scenes --split test --shots 5,10,20 [--draws 3] [--json]
 *     [--profile fast|accurate]  the analyzer whose tags are corrected (default fast, the app's default)
 *     [--coco-only]              part 2 alone, on a library of the coco photos only (no scenes, no speed)
 *     [--new-tags-only]          part 1 alone (e.g. `--split dev --new-tags-only` to tune the new-tag recipe)
 *     [--library file.db]        as for the concepts: a library of the same photos saved by --save-library
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LibraryDatabase } from '../../db/LibraryDatabase.js';
import { seededRandom } from '../../native-models/heads/binaryLogistic.js';
import { taggerProfiles, type TaggerProfile } from '../../native-models/tagger/taggerProfile.js';
import { CorrectionService } from '../../electron/core/library/CorrectionService.js';
import { LearningService } from '../../electron/core/learning/LearningService.js';
import { TeachingService } from '../../electron/core/learning/TeachingService.js';
import { fusionModels } from '../../native-models/tagger/fusionWeights.js';
import { populateSyntheticLibrary } from '../bench/syntheticLibrary.js';
import { sharedData } from '../helpers/sharedData.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { conceptDefinitions } from './lib/concepts.js';
import { correctMistakes, microF1, photoCounts } from './lib/cocoCorrections.js';
import { indexLabelled, stderrProgress } from './lib/indexLabelled.js';
import { writeSyntheticVectors } from './lib/syntheticVectors.js';
import { pairedF1Interval, type PhotoCounts } from './lib/pairedBootstrap.js';
import { readTagDataset, type LabelledImage, type SplitName } from './lib/tagDataset.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    coco: { type: 'string' },
    split: { type: 'string', default: 'test' },
    shots: { type: 'string' },
    draws: { type: 'string' },
    photos: { type: 'string', default: '100000' },
    json: { type: 'boolean', default: false },
    'skip-speed': { type: 'boolean', default: false },
    'coco-only': { type: 'boolean', default: false },
    'new-tags-only': { type: 'boolean', default: false },
    profile: { type: 'string', default: 'fast' },
    repeats: { type: 'string', default: '5' },
    concepts: { type: 'boolean', default: false },
    library: { type: 'string' },
    'save-library': { type: 'string' },
    unnamed: { type: 'boolean', default: false },
  },
});
const unnamed = values.unnamed ?? false;
const split = values.split as SplitName;
if (split !== 'test' && split !== 'dev') throw new Error(`--split must be dev or test, not '${values.split}'`);
const shots = (values.shots ?? (values.concepts ? '5,10' : '5,10,20')).split(',').map(Number);
if (shots.some((k) => !Number.isInteger(k) || k < 1)) throw new Error('--shots takes whole numbers, e.g. 5,10,20');
const draws = Number(values.draws ?? (values.concepts ? '5' : '3'));
const profile = values.profile as TaggerProfile;
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats takes a whole number, e.g. 5');
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
const cocoPhotos = readTagDataset(cocoDir, 'all');
const cocoDev = readTagDataset(cocoDir, 'dev');
const cocoEval = readTagDataset(cocoDir, split === 'dev' ? 'dev' : 'test');

const concepts = conceptDefinitions;

interface ConceptScore {
  precision: number;
  recall: number;
  f1: number;
  tagged: number;
}

const meanSd = (xs: readonly number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean: round(mean), sd: round(sd), min: round(Math.min(...xs)), max: round(Math.max(...xs)) };
};

if (values.concepts) {
  await runConcepts();
  process.exit(0);
}

if (cocoOnly && values.library) throw new Error('--coco-only indexes the coco photos alone: a saved library holds the scenes too');
const indexed = await conceptLibrary([...scenes, ...cocoPhotos]);
const library = indexed.db;
const modelThreshold = indexed.modelThreshold;
const learning = new LearningService(library, { dbFile: indexed.dbFile, modelThreshold });
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

if (values['new-tags-only']) {
  await learning.close();
  await indexed.close();
  console.log(json ? JSON.stringify({ split, profile, shots: shotReport }) : JSON.stringify({ split, profile, shots: shotReport }, null, 2));
  process.exit(0);
}

// ---- 2. corrections of the model's own tags on coco ----
interface CocoReport {
  before_micro_f1: number;
  after_micro_f1: number;
  lift_ci95: number[];
  rejected: number;
  added: number;
  heads_swapped: string[];
  threshold: number;
  dev_folds?: { repeats: number; mean_lift: number; sd_lift: number; positive_share: number; lifts: number[] };
}
/** Corrects every mistake on `correctOn`, retrains, and scores `measureOn` before and after. */
async function correctAndMeasure(db: LibraryDatabase, dbFile: string, correctOn: readonly LabelledImage[], measureOn: readonly LabelledImage[]) {
  const foldLearning = db === library ? learning : new LearningService(db, { dbFile, modelThreshold });
  const before = photoCounts(db, measureOn, idOf);
  const made = correctMistakes(db, db === library ? corrections : new CorrectionService(db), correctOn, idOf);
  const run = await foldLearning.retrain({ trigger: 'manual' });
  const after = photoCounts(db, measureOn, idOf);
  if (foldLearning !== learning) await foldLearning.close();
  return { before, after, ...made, run };
}
let coco: CocoReport;
if (split === 'test') {
  const result = await correctAndMeasure(library, indexed.dbFile, cocoDev, cocoEval);
  const swapped = result.run.tags.filter((t) => t.decision === 'swapped' && t.kind === 'correction').map((t) => t.tag);
  for (const t of result.run.tags) log(`  ${t.tag}: ${t.decision}, ${t.reason}`);
  coco = {
    before_micro_f1: round(microF1(result.before)),
    after_micro_f1: round(microF1(result.after)),
    lift_ci95: pairedF1Interval(result.before, result.after).map(round),
    rejected: result.rejected,
    added: result.added,
    heads_swapped: swapped,
    threshold: modelThreshold,
  };
  log(`coco test: micro-F1 ${coco.before_micro_f1} → ${coco.after_micro_f1} (paired 95 % interval of the change ${coco.lift_ci95.join(' … ')}) after ${coco.rejected} rejections and ${coco.added} additions on dev; heads swapped in: ${swapped.join(', ') || 'none'}`);
} else {
  // On dev, correcting and measuring the same photos would say nothing: each repeat splits dev in two halves at
  // random, corrects one and measures the other, both ways round, each on its own copy of the indexed library.
  const temp = makeTempDir('phototag-eval-folds-');
  const pristine = path.join(temp.dir, 'pristine.db');
  await library.backupTo(pristine);
  const lifts: number[] = [];
  const foldRandom = seededRandom(7);
  const totals = { before: [] as PhotoCounts[], after: [] as PhotoCounts[], rejected: 0, added: 0 };
  try {
    for (let r = 0; r < repeats; r++) {
      const order = cocoDev.map((im) => [foldRandom(), im] as const).sort((x, y) => x[0] - y[0]).map(([, im]) => im);
      const halves = [order.slice(0, order.length >> 1), order.slice(order.length >> 1)] as const;
      for (const [correctOn, measureOn] of [[halves[0], halves[1]], [halves[1], halves[0]]] as const) {
        const file = path.join(temp.dir, 'fold.db');
        fs.copyFileSync(pristine, file);
        const db = LibraryDatabase.open(file);
        const result = await correctAndMeasure(db, file, correctOn, measureOn);
        db.close();
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
        lifts.push(round(microF1(result.after) - microF1(result.before)));
        totals.before.push(...result.before);
        totals.after.push(...result.after);
        totals.rejected += result.rejected;
        totals.added += result.added;
        const swapped = result.run.tags.filter((t) => t.decision === 'swapped').map((t) => t.tag);
        log(`  repeat ${r + 1}: corrected ${correctOn.length} photos, measured ${measureOn.length}: ${round(microF1(result.before))} → ${round(microF1(result.after))}, ${swapped.length} heads swapped in (${swapped.join(', ')})`);
      }
    }
  } finally {
    temp.cleanup();
  }
  const mean = lifts.reduce((a, b) => a + b, 0) / lifts.length;
  const sd = Math.sqrt(lifts.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, lifts.length - 1));
  coco = {
    before_micro_f1: round(microF1(totals.before)),
    after_micro_f1: round(microF1(totals.after)),
    lift_ci95: [round(mean - (1.96 * sd) / Math.sqrt(lifts.length)), round(mean + (1.96 * sd) / Math.sqrt(lifts.length))],
    rejected: totals.rejected,
    added: totals.added,
    heads_swapped: [],
    threshold: modelThreshold,
    dev_folds: { repeats, mean_lift: round(mean), sd_lift: round(sd), positive_share: round(lifts.filter((l) => l > 0).length / lifts.length), lifts },
  };
  log(`coco dev, ${repeats} × 2 halves: mean lift ${coco.dev_folds?.mean_lift} (sd ${coco.dev_folds?.sd_lift}, interval of the mean ${coco.lift_ci95.join(' … ')}), ${coco.dev_folds?.positive_share} of halves up`);
}
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
  coco,
  speed: { corrections: speed.corrections, photos: speed.photos, rescore: speed.rescore },
};
console.log(json ? JSON.stringify(report) : JSON.stringify(report, null, 2));

/** The eval's library: indexed now, or a copy of one indexed by an earlier run (`--library`). */
async function conceptLibrary(pool: readonly LabelledImage[]): Promise<{ db: LibraryDatabase; dbFile: string; modelThreshold: number; idOf: Map<string, number>; close(): Promise<void> }> {
  if (values.library) {
    const temp = makeTempDir('phototag-eval-concepts-');
    const file = path.join(temp.dir, 'library.db');
    fs.copyFileSync(values.library, file);
    const db = LibraryDatabase.open(file);
    const idOf = new Map<string, number>();
    const wanted = new Set(pool.map((im) => im.file));
    for (let id = 1, misses = 0; misses < 1000; id++) {
      const row = db.photos.byId(id);
      if (!row) {
        misses++;
        continue;
      }
      if (wanted.has(row.fileName) && row.state === 'indexed') idOf.set(row.fileName, id);
    }
    const absent = pool.filter((im) => !idOf.has(im.file));
    if (absent.length > 0) throw new Error(`${values.library} lacks ${absent.length} of the photos (e.g. ${absent[0]?.file}): index them again without --library`);
    return {
      db,
      dbFile: file,
      modelThreshold: fusionModels[profile].threshold,
      idOf,
      close: async () => {
        db.close();
        temp.cleanup();
      },
    };
  }
  log(`Indexing ${pool.length} photos with the models…`);
  const set = await indexLabelled(pool, { profile }, stderrProgress(!json));
  log('');
  if (values['save-library']) await set.library.db.backupTo(values['save-library']);
  return { db: set.library.db, dbFile: set.library.paths.database, modelThreshold: set.analyzer.modelInfo.threshold, idOf: set.idOf, close: () => set.close() };
}

/** Part 4: broad concepts taught from a few dev photos, measured on every test photo of coco and scenes. */
async function runConcepts(): Promise<void> {
  const sceneAll = readTagDataset(scenesDir, 'all');
  const sceneDevFiles = new Set(readTagDataset(scenesDir, 'dev').map((im) => im.file));
  const cocoDevFiles = new Set(cocoDev.map((im) => im.file));
  const measureFiles = new Set([...readTagDataset(scenesDir, split).map((im) => im.file), ...readTagDataset(cocoDir, split).map((im) => im.file)]);
  const pool = [...cocoPhotos.map((im) => ({ ...im, source: 'coco' as const })), ...sceneAll.map((im) => ({ ...im, source: 'scenes' as const }))];
  const isDev = (im: (typeof pool)[number]) => (im.source === 'coco' ? cocoDevFiles : sceneDevFiles).has(im.file);
  const means = (name: string, im: (typeof pool)[number]) => {
    const c = concepts[name] as { coco: readonly string[]; scenes: readonly string[] };
    return im.labels.some((l) => (im.source === 'coco' ? c.coco : c.scenes).includes(l));
  };
  const set = await conceptLibrary(pool);
  const db = set.db;
  const conceptLearning = new LearningService(db, { dbFile: set.dbFile, modelThreshold: set.modelThreshold });
  const conceptCorrections = new CorrectionService(db);
  const conceptTeaching = new TeachingService(db, conceptCorrections, conceptLearning);
  const id = (im: LabelledImage) => set.idOf.get(im.file) as number;
  const random = seededRandom(4242);
  const report: Record<string, { per_concept: Record<string, { precision: ReturnType<typeof meanSd>; recall: ReturnType<typeof meanSd>; f1: ReturnType<typeof meanSd>; tagged: ReturnType<typeof meanSd>; positives: number }>; mean_precision: ReturnType<typeof meanSd>; mean_recall: ReturnType<typeof meanSd>; mean_f1: ReturnType<typeof meanSd>; teach_ms: number }> = {};
  for (const k of shots) {
    const scores: Record<string, ConceptScore[]> = {};
    let teachMs = 0;
    const drawMeans = { precision: [] as number[], recall: [] as number[], f1: [] as number[] };
    for (let d = 0; d < draws; d++) {
      const perDraw: ConceptScore[] = [];
      for (const name of Object.keys(concepts)) {
        const candidates = pool.filter((im) => isDev(im) && means(name, im)).map(id);
        const picked = candidates.map((pid) => [random(), pid] as const).sort((a, b) => a[0] - b[0]).slice(0, k).map(([, pid]) => pid);
        // Named as a user would name it ("pet k10 d0": the name may bring a prior, learningRecipe.newTag.namePrior),
        // or with `--unnamed` by a word that means nothing ("c0 k10 d0"), to see what the examples alone give.
        const tag = `${unnamed ? `c${Object.keys(concepts).indexOf(name)}` : name} k${k} d${d}`;
        const started = performance.now();
        await conceptTeaching.teach(tag, picked);
        teachMs += performance.now() - started;
        const taught = new Set(picked);
        let tp = 0;
        let fp = 0;
        let fn = 0;
        let tagged = 0;
        for (const im of pool) {
          if (!measureFiles.has(im.file) || (split === 'dev' && !isDev(im))) continue;
          const pid = id(im);
          if (taught.has(pid)) continue;
          const predicted = db.tags.forPhoto(pid).some((t) => t.name === tag && t.state !== 'rejected');
          const actual = means(name, im);
          if (predicted) tagged++;
          if (predicted && actual) tp++;
          else if (predicted) fp++;
          else if (actual) fn++;
        }
        const score = { precision: tp + fp > 0 ? tp / (tp + fp) : 0, recall: tp + fn > 0 ? tp / (tp + fn) : 0, f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0, tagged };
        (scores[name] ??= []).push(score);
        perDraw.push(score);
        log(`  ${tag}: ${tagged} tagged, precision ${round(score.precision)}, recall ${round(score.recall)}, F1 ${round(score.f1)}`);
        conceptCorrections.correctTags('remove', picked, tag);
        await conceptLearning.rollback(tag, null);
      }
      for (const m of ['precision', 'recall', 'f1'] as const) drawMeans[m].push(perDraw.reduce((a, s) => a + s[m], 0) / perDraw.length);
    }
    const positivesOf = (name: string) => pool.filter((im) => measureFiles.has(im.file) && (split !== 'dev' || isDev(im)) && means(name, im)).length;
    report[String(k)] = {
      per_concept: Object.fromEntries(
        Object.entries(scores).map(([name, list]) => [
          name,
          { precision: meanSd(list.map((s) => s.precision)), recall: meanSd(list.map((s) => s.recall)), f1: meanSd(list.map((s) => s.f1)), tagged: meanSd(list.map((s) => s.tagged)), positives: positivesOf(name) },
        ]),
      ),
      mean_precision: meanSd(drawMeans.precision),
      mean_recall: meanSd(drawMeans.recall),
      mean_f1: meanSd(drawMeans.f1),
      teach_ms: Math.round(teachMs / (draws * Object.keys(concepts).length)),
    };
    log(`${k} shots: mean precision ${report[String(k)]?.mean_precision.mean} (sd ${report[String(k)]?.mean_precision.sd}), mean F1 ${report[String(k)]?.mean_f1.mean} (sd ${report[String(k)]?.mean_f1.sd})`);
  }
  await conceptLearning.close();
  await set.close();
  const out = {
    split,
    profile,
    draws,
    named: !unnamed,
    measured_on: `${measureFiles.size} ${split} photos of coco and scenes${split === 'dev' ? ' (the ones not taught)' : ''}`,
    concepts: report,
    targets: {
      five_shot_mean_precision: { target: 0.8, value: report['5']?.mean_precision.mean ?? null, met: (report['5']?.mean_precision.mean ?? 0) >= 0.8 },
      ten_shot_mean_f1: { target: 0.75, value: report['10']?.mean_f1.mean ?? null, met: (report['10']?.mean_f1.mean ?? 0) >= 0.75 },
    },
  };
  console.log(json ? JSON.stringify(out) : JSON.stringify(out, null, 2));
}
