/**
 * Measures image-level tagging on a labelled folder through the same code path as indexing: the photos are
 * indexed into a temp library (LibraryService, worker threads, batches, SQLite) and the per-class scores each
 * photo stored are scored against labels.json ({file: [COCO names]}). With meta.json (coco_split), the figures are
 * also given for COCO val2017 photos alone: the shipped detectors were trained on train2017.
 *
 *   npm run eval -- --data <dir> [--split dev|test] [--profile fast|accurate|fast-then-accurate] [--backend onnxruntime|wasm|…] [--json]
 *   (without --split every labelled photo counts; without --profile the library's default tagging, which is
 *   'fast then accurate' on a CPU: indexed with 'fast', then re-tagged with 'accurate' to the end. That run also
 *   indexes the photos with 'fast' alone in a fresh library first, to compare the time until all are searchable.)
 */
import type { BackendName } from '../../native-models/backends/BackendCandidate.js';
import { cocoClassCount, cocoClasses } from '../../native-models/tagger/cocoClasses.js';
import { defaultLibrarySettings, taggingOf } from '../../electron/core/config/librarySettings.js';
import { gpuBackendAvailable, taggingPlan, taggings, type Tagging } from '../../electron/core/models/taggingPlan.js';
import { evalArgs } from './lib/evalArgs.js';
import { indexLabelled, stderrProgress } from './lib/indexLabelled.js';
import { readTagDataset } from './lib/tagDataset.js';
import type { LabelledImage } from './lib/tagDataset.js';
import { tagMetrics } from './lib/tagMetrics.js';
import type { TagMetrics } from './lib/tagMetrics.js';

const args = evalArgs(() => {
  throw new Error('--data <dir> is required (a folder with images/ and labels.json)');
}, 'all');
const tagging = (args.profile ?? taggingOf(defaultLibrarySettings)) as Tagging;
if (!taggings.includes(tagging)) throw new Error(`--profile must be one of ${taggings.join(', ')}`);
const plan = taggingPlan(tagging, gpuBackendAvailable());
const backends: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'onnxruntime', 'wasm', 'cpu'];
if (args.backend && !backends.includes(args.backend as BackendName)) throw new Error(`--backend must be one of ${backends.join(', ')}`);
const backend = args.backend ? { backend: args.backend as BackendName } : {};
const images = readTagDataset(args.data, args.split);

// The same photos indexed with 'fast' alone, first, in a library of their own: the time a two-pass run must match.
let fastOnlySeconds: number | null = null;
if (plan.improve) {
  const fastOnly = await indexLabelled(images, { profile: plan.first, ...backend }, stderrProgress(!args.json));
  fastOnlySeconds = fastOnly.seconds;
  await fastOnly.close();
  if (!args.json) process.stderr.write(' (fast alone)\n');
}
const indexed = await indexLabelled(images, { profile: plan.first, ...backend }, stderrProgress(!args.json), plan.improve ? { improveWith: plan.improve } : {});
if (!args.json) process.stderr.write('\n');
const info = indexed.analyzer.modelInfo;
const scores = images.map((im) => {
  const stored = indexed.library.db.vectors.get(indexed.idOf.get(im.file) as number, 'coco-scores');
  if (!stored || stored.values.length !== cocoClassCount) throw new Error(`${im.file} has no stored class scores`);
  return stored.values;
});
const seconds = indexed.seconds;
const improveSeconds = indexed.improveSeconds;
await indexed.close();

const classIndex = new Map<string, number>(cocoClasses.map((c, i) => [c, i]));
const truthOf = (im: LabelledImage) => new Set(im.labels.map((l) => classIndex.get(l)).filter((c): c is number => c !== undefined));
const measure = (which: number[]): TagMetrics =>
  tagMetrics(which.map((i) => scores[i] as Float32Array), which.map((i) => truthOf(images[i] as LabelledImage)), cocoClassCount, info.threshold);
const all = images.map((_, i) => i);
const val = all.filter((i) => images[i]?.cocoSplit === 'val2017');
const trainSeen = all.filter((i) => images[i]?.cocoSplit === 'train2017');
const round = (m: TagMetrics) => JSON.parse(JSON.stringify(m, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10000) / 10000 : v))) as TagMetrics;
const report: Record<string, unknown> = {
  tagging,
  model: info.version,
  backend: info.backend.name,
  ...(info.backend.fallbacks?.length ? { fallbacks: info.backend.fallbacks } : {}),
  threshold: info.threshold,
  split: args.split,
  ...round(measure(all)),
};
if (val.length) report.val2017 = round(measure(val));
if (trainSeen.length) report.train2017 = round(measure(trainSeen));
report.workers = info.workers;
report.index_seconds = +seconds.toFixed(1);
if (plan.improve) {
  // Until every photo is searchable (the first pass), against 'fast' alone on the same photos in this run; then
  // until every photo has the better tags.
  report.searchable_seconds = +seconds.toFixed(1);
  report.searchable_seconds_fast_only = +(fastOnlySeconds as number).toFixed(1);
  report.searchable_vs_fast_only = +(seconds / (fastOnlySeconds as number)).toFixed(2);
  report.improve_seconds = +improveSeconds.toFixed(1);
  report.all_improved_seconds = +(seconds + improveSeconds).toFixed(1);
}

if (args.json) console.log(JSON.stringify(report));
else console.log(JSON.stringify(report, null, 2));
