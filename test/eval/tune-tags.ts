/**
 * Searches the tagger's options on coco `dev` only and prints the table the shipped choice was made from:
 * single detectors, fixed fusions, and class-agnostic logistic fusions (6-fold cross-validated within dev, so the
 * reported F1/mAP/threshold are not fitted to the photos they are measured on). With --write it fits the chosen
 * fusions on all of dev and writes native-models/tagger/fusionWeights.ts.
 *
 *   npx tsx test/eval/tune-tags.ts [--data <coco dir>] [--write]
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { centernetInputSize, runCenternet } from '../../native-models/tagger/centernet.js';
import type { CenternetOutput } from '../../native-models/tagger/centernet.js';
import { cocoClassCount, cocoClasses } from '../../native-models/tagger/cocoClasses.js';
import { createTagger } from '../../native-models/tagger/createTagger.js';
import { fuseSources, type FusionFeature } from '../../native-models/tagger/fusion.js';
import { letterbox } from '../../native-models/tagger/letterbox.js';
import { loadCenternet } from '../../native-models/tagger/centernet.js';
import { defaultModelDir } from '../../native-models/loading/modelDir.js';
import type { RawRgbImage } from '../../native-models/tagger/types.js';
import { repoRoot, sharedData } from '../helpers/sharedData.js';
import { decodeForTagger } from './lib/decodeForTagger.js';
import { evalArgs } from './lib/evalArgs.js';
import { crossValidatedFusion, fitFusion, fusionRows } from './lib/fusionFit.js';
import { RawOutputCache } from './lib/rawOutputCache.js';
import { readTagDataset } from './lib/tagDataset.js';
import { bestThreshold, tagMetrics } from './lib/tagMetrics.js';

const args = evalArgs(() => sharedData('coco'), 'dev');
if (args.split !== 'dev') throw new Error('tune-tags tunes on dev only; the test split is for eval-tags.ts');
const images = readTagDataset(args.data, 'dev');
const classIndex = new Map<string, number>(cocoClasses.map((c, i) => [c, i]));
const truth = images.map((im) => new Set(im.labels.map((l) => classIndex.get(l)).filter((c): c is number => c !== undefined)));

interface CachedEvidence {
  passes: Record<string, number[]>;
  peaks: [number, number][];
  /** Exploration-only passes that the shipped tagger does not run. */
  extra: Record<string, number[]>;
}

const allPasses: FusionFeature[] = ['centernet', 'centernetFlip', 'centernetTiles', 'nanodet', 'yolo'];
const tagger = await createTagger({ backend: 'wasm', profile: 'accurate' });
const centernet = await loadCenternet(defaultModelDir());

async function classMaxOf(inputs: tf.Tensor3D[]): Promise<Float32Array> {
  const batch = tf.stack(inputs) as tf.Tensor4D;
  const outs: CenternetOutput[] = await runCenternet(centernet, batch, { maxPeaks: 1 });
  tf.dispose([batch, ...inputs]);
  const acc = new Float32Array(cocoClassCount);
  for (const o of outs) for (let c = 0; c < cocoClassCount; c++) acc[c] = Math.max(acc[c] as number, o.classMax[c] as number);
  return acc;
}

/** Alternatives that lost (kept so the table shows why): other tilings, a stretched square, a zoomed-out pass. */
async function extraPasses(img: RawRgbImage): Promise<Record<string, number[]>> {
  const { width: W, height: H } = img;
  const crops = (f: number, n: number) =>
    Array.from({ length: n * n }, (_, k) => ({ x: Math.round(((k % n) * (1 - f) * W) / (n - 1)), y: Math.round((Math.floor(k / n) * (1 - f) * H) / (n - 1)), width: Math.round(f * W), height: Math.round(f * H) }));
  const halves = W >= H
    ? [{ x: 0, y: 0, width: Math.round(0.6 * W), height: H }, { x: Math.round(0.4 * W), y: 0, width: W - Math.round(0.4 * W), height: H }]
    : [{ x: 0, y: 0, width: W, height: Math.round(0.6 * H) }, { x: 0, y: Math.round(0.4 * H), width: W, height: H - Math.round(0.4 * H) }];
  const lb = (crop?: { x: number; y: number; width: number; height: number }) => letterbox(img, { size: centernetInputSize, ...(crop ? { crop } : {}) }).input;
  const stretch = tf.tidy(() => tf.image.resizeBilinear(letterbox(img, { size: Math.max(W, H) }).input.slice([0, 0, 0], [H, W, 3]), [centernetInputSize, centernetInputSize], false, true));
  const small = tf.tidy(() => tf.pad3d(letterbox(img, { size: 384 }).input, [[0, 128], [0, 128], [0, 0]]));
  return {
    grid9: [...(await classMaxOf(crops(0.45, 3).map(lb)))],
    halves: [...(await classMaxOf(halves.map(lb)))],
    stretch: [...(await classMaxOf([stretch]))],
    zoomOut: [...(await classMaxOf([small]))],
  };
}

const cache = new RawOutputCache('tune-tags-v2');
const evidence: CachedEvidence[] = [];
const started = Date.now();
for (const [k, im] of images.entries()) {
  evidence.push(
    await cache.get('evidence', im.file, async () => {
      const img = await decodeForTagger(im.path);
      const [ev] = await tagger.collectEvidence([img], allPasses);
      if (!ev) throw new Error('no evidence');
      return {
        passes: Object.fromEntries(Object.entries(ev.passes).map(([key, v]) => [key, [...v]])),
        peaks: ev.full.peaks.filter((p) => p.score >= 0.05).map((p) => [p.classIndex, p.score] as [number, number]),
        extra: await extraPasses(img),
      };
    }),
  );
  if ((k + 1) % 20 === 0) process.stderr.write(`evidence ${k + 1}/${images.length} (${((Date.now() - started) / (k + 1)).toFixed(0)} ms/photo)\n`);
}

const pass = (name: string) => evidence.map((e) => e.passes[name] ?? e.extra[name] ?? []);
interface Row {
  config: string;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  mAP: number;
}
const rows: Row[] = [];
const measure = (config: string, scores: readonly ArrayLike<number>[]) => {
  const best = bestThreshold(scores, truth, cocoClassCount);
  const m = tagMetrics(scores, truth, cocoClassCount, best.threshold);
  rows.push({ config, threshold: best.threshold, precision: m.micro.precision, recall: m.micro.recall, f1: m.micro.f1, mAP: m.mAP });
};
const combine = (names: string[], rule: (v: number[]) => number) => evidence.map((_, i) => cocoClasses.map((__, c) => rule(names.map((n) => (pass(n)[i] as number[])[c] as number))));
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

for (const n of ['centernet', 'centernetFlip', 'centernetTiles', 'nanodet', 'yolo', 'grid9', 'halves', 'stretch', 'zoomOut']) measure(`${n} (max score)`, pass(n));
measure('mean(centernet, nanodet) prob', combine(['centernet', 'nanodet'], mean));
measure('max(centernet, centernetTiles)', combine(['centernet', 'centernetTiles'], (v) => Math.max(...v)));
measure('centernet noisy-or of top-2 peaks', evidence.map((e) => cocoClasses.map((_, c) => {
  const ps = e.peaks.filter(([k]) => k === c).map(([, s]) => s).slice(0, 2);
  return ps.length ? 1 - ps.reduce((a, p) => a * (1 - p), 1) : (e.passes.centernet?.[c] ?? 0);
})));
const stacks: string[][] = [
  ['centernet'],
  ['centernet', 'nanodet'],
  ['centernet', 'centernetFlip'],
  ['centernet', 'centernetTiles'],
  ['centernet', 'stretch'],
  ['centernet', 'grid9'],
  ['centernet', 'centernetTiles', 'nanodet'],
  ['centernet', 'centernetFlip', 'centernetTiles'],
  ['centernet', 'centernetFlip', 'centernetTiles', 'nanodet'],
  ['centernet', 'centernetFlip', 'grid9', 'nanodet'],
  ['centernet', 'centernetFlip', 'centernetTiles', 'nanodet', 'grid9', 'halves', 'stretch', 'zoomOut'],
  ['centernet', 'yolo'],
  ['centernet', 'nanodet', 'yolo'],
  ['centernet', 'centernetTiles', 'yolo'],
  ['centernet', 'centernetFlip', 'centernetTiles', 'nanodet', 'yolo'],
];
const cvScores = new Map<string, Float32Array[]>();
for (const s of stacks) {
  const scores = crossValidatedFusion(s.map(pass), truth, cocoClassCount);
  cvScores.set(s.join('+'), scores);
  measure(`logistic fusion CV [${s.join(', ')}]`, scores);
}

const pct = (x: number) => x.toFixed(3);
console.log(`coco dev: ${images.length} photos, ${truth.reduce((a, t) => a + t.size, 0)} labels; thresholds are each row's dev micro-F1 optimum`);
console.log('| config | thr | P | R | micro-F1 | mAP |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.config} | ${r.threshold.toFixed(2)} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} | ${pct(r.mAP)} |`);

const chosen: Record<'fast' | 'accurate', FusionFeature[]> = { fast: ['centernet'], accurate: ['centernet', 'yolo'] };

// Calibration check on the out-of-fold scores of the shipped 'accurate' fusion: predicted vs observed rate per bin.
const cv = cvScores.get(chosen.accurate.join('+')) as Float32Array[];
console.log('\nreliability of the accurate fusion (out-of-fold, dev):\n| confidence bin | photos×classes | mean confidence | observed rate |\n|---|---|---|---|');
for (const [lo, hi] of [[0.1, 0.2], [0.2, 0.3], [0.3, 0.5], [0.5, 0.7], [0.7, 0.9], [0.9, 1.01]] as const) {
  let n = 0;
  let sum = 0;
  let pos = 0;
  cv.forEach((row, i) => row.forEach((p, c) => {
    if (p < lo || p >= hi) return;
    n++;
    sum += p;
    pos += truth[i]?.has(c) ? 1 : 0;
  }));
  console.log(`| ${lo.toFixed(1)}–${Math.min(1, hi).toFixed(1)} | ${n} | ${n ? pct(sum / n) : '-'} | ${n ? pct(pos / n) : '-'} |`);
}

// Counting: the peak score from which an instance counts, by mean absolute error of the person count on dev.
const meta = JSON.parse(fs.readFileSync(path.join(args.data, 'meta.json'), 'utf8')) as Record<string, { instance_counts?: Record<string, number>; crowd_only?: boolean }>;
console.log('\nperson count error on dev photos labelled person (3×3 peaks; the tagger also merges overlapping boxes):\n| peak threshold | mean abs error | exact |\n|---|---|---|');
let bestCount = { t: 0.3, mae: Infinity };
for (const t of [0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
  const errs = images.flatMap((im, i) => {
    const actual = meta[im.file]?.instance_counts?.person;
    if (!actual) return [];
    const predicted = (evidence[i] as CachedEvidence).peaks.filter(([c, s]) => c === 0 && s >= t).length;
    return [Math.abs(predicted - actual)];
  });
  const mae = mean(errs);
  if (mae < bestCount.mae) bestCount = { t, mae };
  console.log(`| ${t} | ${mae.toFixed(2)} | ${errs.filter((e) => e === 0).length}/${errs.length} |`);
}

if (args.write) {
  const models = Object.fromEntries(
    (Object.entries(chosen) as ['fast' | 'accurate', FusionFeature[]][]).map(([profile, features]) => {
      const { xs, ys } = fusionRows(features.map(pass), truth, cocoClassCount);
      const fit = fitFusion(xs, ys);
      const oof = crossValidatedFusion(features.map(pass), truth, cocoClassCount);
      const threshold = bestThreshold(oof, truth, cocoClassCount).threshold;
      const inSample = tagMetrics(evidence.map((_, i) => fuseSources(fit, features.map((f) => pass(f)[i] as number[]), cocoClassCount)), truth, cocoClassCount, threshold);
      console.log(`\n${profile}: weights ${fit.weights.map((w) => w.toFixed(3)).join(', ')}, bias ${fit.bias.toFixed(3)}, threshold ${threshold} (in-sample dev F1 ${pct(inSample.micro.f1)}, mAP ${pct(inSample.mAP)})`);
      return [profile, { features, weights: fit.weights.map((w) => +w.toFixed(4)), bias: +fit.bias.toFixed(4), threshold }] as const;
    }),
  );
  const file = path.join(repoRoot, 'native-models', 'tagger', 'fusionWeights.ts');
  const literal = (m: { features: FusionFeature[]; weights: number[]; bias: number; threshold: number }) =>
    `{ features: [${m.features.map((f) => `'${f}'`).join(', ')}], weights: [${m.weights.join(', ')}], bias: ${m.bias}, threshold: ${m.threshold} }`;
  const body = Object.entries(models).map(([k, v]) => `  ${k}: ${literal(v)},`).join('\n');
  fs.writeFileSync(
    file,
    `// Generated by \`npx tsx test/eval/tune-tags.ts --write\` from coco dev only. Do not edit by hand.\nimport type { FusionModel } from './fusion.js';\nimport type { TaggerProfile } from './taggerProfile.js';\n\nexport const fusionModels: Record<TaggerProfile, FusionModel> = {\n${body}\n};\n\n/** Heatmap peak score from which an instance is counted (chosen on dev person counts). */\nexport const countThreshold = ${bestCount.t};\n`,
  );
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}
tagger.dispose();
centernet.dispose();
