/**
 * Duplicates: pairwise precision and recall of the duplicate groups on copies generated from real photos, found by
 * the production pipeline (LibraryService indexes them: decoding, perceptual hashes, the models' embeddings) and
 * grouped by the production rule (electron/core/duplicates).
 *
 *   npm run eval:duplicates -- [--json] [--per-class 4] [--coco 24]
 *
 * The set is built afresh in a temp dir, reproducibly (sorted names, fixed sharp settings): from scenes (the first
 * `--per-class` photos of each of the 6 classes, by name) and coco (the first `--coco` photos labelled "person",
 * by name), in each split. Every source gives five files: the original, resized to 50 % (as PNG), recompressed
 * (JPEG quality 45), cropped 5 % (2.5 % off each side) and turned 90°. Its copies are one true group; the other
 * sources of the same scene class or with the same tag are the negatives. Thresholds are chosen on the `dev`
 * sources (the best F1 with precision ≥ 0.97) and reported on the `test` sources with the shipped thresholds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { LibraryService } from '../../electron/core/library/LibraryService.js';
import { openModelAnalyzer } from '../../electron/core/models/openModelAnalyzer.js';
import { createLogger } from '../../electron/core/logging/logger.js';
import { copyFacts } from '../../electron/core/duplicates/DuplicateService.js';
import { defaultThresholds, groupDuplicates, type CopyFacts, type DuplicateThresholds } from '../../electron/core/duplicates/groupDuplicates.js';
import { decodeHashes, hashDistance } from '../../electron/core/duplicates/perceptualHash.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { readJson, sharedData } from '../helpers/sharedData.js';
import { stderrProgress } from './lib/indexLabelled.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'per-class': { type: 'string', default: '4' },
    coco: { type: 'string', default: '24' },
  },
});
const json = values.json ?? false;
const log = (message: string) => {
  if (!json) process.stderr.write(message + '\n');
};

type Split = 'dev' | 'test';
interface Source {
  file: string;
  dir: string;
  split: Split;
  set: 'scenes' | 'coco';
  label: string;
}

const variants = ['orig', 'half', 'q45', 'crop5', 'rot90'] as const;
type Variant = (typeof variants)[number];

function sources(): Source[] {
  const out: Source[] = [];
  const perClass = Number(values['per-class']);
  const scenesDir = sharedData('scenes', 'images');
  const sceneLabels = readJson<Record<string, string[]>>(sharedData('scenes', 'labels.json'));
  const sceneSplit = readJson<Record<Split, string[]>>(sharedData('scenes', 'split.json'));
  const cocoDir = sharedData('coco', 'images');
  const cocoLabels = readJson<Record<string, string[]>>(sharedData('coco', 'labels.json'));
  const cocoSplit = readJson<Record<Split, string[]>>(sharedData('coco', 'split.json'));
  for (const split of ['dev', 'test'] as const) {
    const byClass = new Map<string, string[]>();
    for (const file of [...sceneSplit[split]].sort()) {
      const label = sceneLabels[file]?.[0];
      if (!label) continue;
      const list = byClass.get(label) ?? [];
      if (list.length < perClass) list.push(file);
      byClass.set(label, list);
    }
    for (const [label, files] of byClass) for (const file of files) out.push({ file, dir: scenesDir, split, set: 'scenes', label });
    const people = [...cocoSplit[split]].sort().filter((f) => cocoLabels[f]?.includes('person')).slice(0, Number(values.coco));
    for (const file of people) out.push({ file, dir: cocoDir, split, set: 'coco', label: 'person' });
  }
  return out;
}

/** Writes the five files of one source; returns their names. */
async function writeVariants(source: Source, dest: string): Promise<Record<Variant, string>> {
  const stem = `${source.set}-${path.parse(source.file).name}`;
  const input = path.join(source.dir, source.file);
  const meta = await sharp(input).metadata();
  const [w, h] = [meta.width ?? 0, meta.height ?? 0];
  const names: Record<Variant, string> = { orig: `${stem}-orig.jpg`, half: `${stem}-half.png`, q45: `${stem}-q45.jpg`, crop5: `${stem}-crop5.jpg`, rot90: `${stem}-rot90.jpg` };
  fs.copyFileSync(input, path.join(dest, names.orig));
  await sharp(input).resize(Math.max(1, Math.round(w / 2)), Math.max(1, Math.round(h / 2))).png().toFile(path.join(dest, names.half));
  await sharp(input).jpeg({ quality: 45 }).toFile(path.join(dest, names.q45));
  const dx = Math.round(w * 0.025);
  const dy = Math.round(h * 0.025);
  await sharp(input).extract({ left: dx, top: dy, width: w - 2 * dx, height: h - 2 * dy }).jpeg({ quality: 90 }).toFile(path.join(dest, names.crop5));
  await sharp(input).rotate(90).jpeg({ quality: 90 }).toFile(path.join(dest, names.rot90));
  return names;
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  groups: number;
  truePairs: number;
  predictedPairs: number;
}

function score(groups: CopyFacts[][], photos: readonly CopyFacts[], truth: Map<number, string>): Scores {
  const pairsOf = (labels: string[]) => {
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    return [...counts.values()].reduce((n, c) => n + (c * (c - 1)) / 2, 0);
  };
  const truePairs = pairsOf(photos.map((p) => truth.get(p.id) as string));
  let predictedPairs = 0;
  let correct = 0;
  for (const g of groups) {
    predictedPairs += (g.length * (g.length - 1)) / 2;
    correct += pairsOf(g.map((p) => truth.get(p.id) as string));
  }
  const precision = predictedPairs === 0 ? 1 : correct / predictedPairs;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), groups: groups.length, truePairs, predictedPairs };
}

/** For each variant, the share of sources whose variant landed in the original's group. */
function recallByVariant(groups: CopyFacts[][], photos: readonly CopyFacts[], variantOf: Map<number, { source: string; variant: Variant }>): Record<string, number> {
  const groupOf = new Map<number, number>();
  groups.forEach((g, i) => g.forEach((p) => groupOf.set(p.id, i)));
  const origGroup = new Map<string, number | undefined>();
  for (const p of photos) {
    const v = variantOf.get(p.id);
    if (v?.variant === 'orig') origGroup.set(v.source, groupOf.get(p.id));
  }
  const out: Record<string, number> = {};
  for (const variant of variants.filter((v) => v !== 'orig')) {
    const of = photos.filter((p) => variantOf.get(p.id)?.variant === variant);
    const hits = of.filter((p) => {
      const g = groupOf.get(p.id);
      return g !== undefined && g === origGroup.get(variantOf.get(p.id)?.source ?? '');
    });
    out[variant] = of.length === 0 ? 0 : hits.length / of.length;
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const temp = makeTempDir('phototag-dupes-eval-');
try {
  const list = sources();
  const photosDir = path.join(temp.dir, 'photos');
  fs.mkdirSync(photosDir, { recursive: true });
  const variantOf = new Map<string, { source: string; variant: Variant; split: Split }>();
  for (const source of list) {
    const names = await writeVariants(source, photosDir);
    for (const variant of variants) variantOf.set(path.join(photosDir, names[variant]), { source: `${source.set}/${source.file}`, variant, split: source.split });
  }
  log(`${list.length} sources, ${variantOf.size} files in ${photosDir}`);
  const { analyzer, problem } = await openModelAnalyzer({ profile: 'fast' });
  if (!analyzer) throw new Error(problem ?? 'the models did not start');
  const library = LibraryService.open({ dataDir: path.join(temp.dir, 'data'), analyzer, logger: createLogger(null) });
  try {
    library.addFolder(photosDir);
    const started = performance.now();
    await library.index(stderrProgress(!json));
    const indexSeconds = (performance.now() - started) / 1000;
    log('');
    const all = copyFacts(library.db, { includeHidden: true });
    const info = new Map(all.map((p) => [p.id, variantOf.get(p.path)]));
    const missing = [...variantOf.keys()].filter((file) => !all.some((p) => p.path === file));
    if (missing.length > 0) throw new Error(`not indexed: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''}`);
    const withoutHash = all.filter((p) => p.hashes === null || p.embedding === null).length;
    const truth = new Map(all.map((p) => [p.id, info.get(p.id)?.source as string]));
    const variantInfo = new Map(all.map((p) => [p.id, { source: info.get(p.id)?.source as string, variant: info.get(p.id)?.variant as Variant }]));
    const ofSplit = (split: Split) => all.filter((p) => info.get(p.id)?.split === split);
    const dev = ofSplit('dev');
    const test = ofSplit('test');

    // Tuning on dev: every threshold triple on a grid; the best F1 among those with precision ≥ 0.97.
    const candidates: { thresholds: DuplicateThresholds; scores: Scores }[] = [];
    for (let hashAlone = 0; hashAlone <= 20; hashAlone += 1) {
      for (let hashWithEmbedding = hashAlone; hashWithEmbedding <= 32; hashWithEmbedding += 2) {
        for (const cosine of hashWithEmbedding === hashAlone ? [1] : [0.8, 0.84, 0.88, 0.9, 0.92, 0.94, 0.96]) {
          const thresholds = { hashAlone, hashWithEmbedding, cosine };
          candidates.push({ thresholds, scores: score(groupDuplicates(dev, thresholds), dev, truth) });
        }
      }
    }
    const acceptable = candidates.filter((c) => c.scores.precision >= 0.97);
    const best = (acceptable.length > 0 ? acceptable : candidates).sort((a, b) => b.scores.f1 - a.scores.f1 || b.scores.precision - a.scores.precision)[0];
    const hashOnly = candidates.filter((c) => c.thresholds.hashAlone === c.thresholds.hashWithEmbedding).sort((a, b) => b.scores.f1 - a.scores.f1)[0];

    // Distances of true pairs and of same-class negatives, to show the margins.
    const margins = (photos: readonly CopyFacts[]) => {
      const hashes = new Map(photos.map((p) => [p.id, decodeHashes(p.hashes as Buffer)]));
      let maxTrue = 0;
      let minFalse = 64;
      for (let i = 0; i < photos.length; i++) {
        for (let j = i + 1; j < photos.length; j++) {
          const a = photos[i] as CopyFacts;
          const b = photos[j] as CopyFacts;
          const ha = hashes.get(a.id) as Uint32Array;
          const hb = hashes.get(b.id) as Uint32Array;
          const d = Math.min(hashDistance(ha, hb), hashDistance(hb, ha));
          if (truth.get(a.id) === truth.get(b.id)) maxTrue = Math.max(maxTrue, d);
          else minFalse = Math.min(minFalse, d);
        }
      }
      return { maxTrueHashDistance: maxTrue, minNegativeHashDistance: minFalse };
    };

    const report = (photos: readonly CopyFacts[], thresholds: DuplicateThresholds) => {
      const groups = groupDuplicates(photos, thresholds);
      const s = score(groups, photos, truth);
      return {
        photos: photos.length,
        precision: round(s.precision),
        recall: round(s.recall),
        f1: round(s.f1),
        groups: s.groups,
        truePairs: s.truePairs,
        predictedPairs: s.predictedPairs,
        recallByVariant: Object.fromEntries(Object.entries(recallByVariant(groups, photos, variantInfo)).map(([k, v]) => [k, round(v)])),
        ...margins(photos),
      };
    };
    const result = {
      set: { sources: list.length, files: variantOf.size, scenesPerClass: Number(values['per-class']), cocoPersonPhotos: Number(values.coco), variants },
      indexSeconds: round(indexSeconds),
      photosWithoutHashOrEmbedding: withoutHash,
      devChosen: best ? { ...best.thresholds, precision: round(best.scores.precision), recall: round(best.scores.recall), f1: round(best.scores.f1) } : null,
      devHashOnly: hashOnly ? { ...hashOnly.thresholds, precision: round(hashOnly.scores.precision), recall: round(hashOnly.scores.recall), f1: round(hashOnly.scores.f1) } : null,
      shipped: defaultThresholds,
      dev: report(dev, defaultThresholds),
      test: report(test, defaultThresholds),
    };
    console.log(json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  } finally {
    library.close();
    await analyzer.close();
  }
} finally {
  temp.cleanup();
}
