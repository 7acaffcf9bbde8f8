/**
 * Faces: verification accuracy on pairs.csv and grouping quality, with the production detector, crop, descriptor
 * and clustering. Thresholds are chosen on `dev` (or given) and reported on the split asked for.
 *
 *   npm run eval:faces -- --split dev|test [--json] [--compare] [--small] [--index]
 *
 * --naming measures what naming one photo of each person gives: the grouping names that person's group, then
 * "Is this …?" questions (PeopleService.suggestions' rule) are answered truthfully until none is left.
 *
 * --compare measures every candidate descriptor setup (model, margin, alignment); --small also measures the photos
 * shrunk into a 1024-px scene (faces 55–130 px wide), where real libraries' group photos are. --index clusters
 * through the neighbour index a large library uses (clusterFaces.densityClusters) even for these few faces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { centroid, densityClusters, dot, nearestGroup } from '../../electron/core/people/clusterFaces.js';
import { groupingDefaults } from '../../electron/core/people/clusterFaces.js';
import { selectBackend } from '../../native-models/backends/selectBackend.js';
import { loadFaceDetector } from '../../native-models/faces/faceDetector.js';
import { cutFaceRegion, faceEmbedderDefaults, loadFaceEmbedder } from '../../native-models/faces/faceEmbedder.js';
import type { FaceEmbedderOptions } from '../../native-models/faces/faceEmbedder.js';
import { defaultModelDir } from '../../native-models/loading/modelDir.js';
import type { DetectedFace, RawRgbImage } from '../../native-models/tagger/types.js';
import { sharedData } from '../helpers/sharedData.js';
import { decodeForTagger } from './lib/decodeForTagger.js';
import { decodePhoto } from '../../electron/core/imaging/decodePhoto.js';
import { suggestDistance, suggestFaces } from '../../electron/core/people/suggestFaces.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    json: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    small: { type: 'boolean', default: false },
    hires: { type: 'boolean', default: false },
    naming: { type: 'boolean', default: false },
    index: { type: 'boolean', default: false },
  },
});
const split = values.split as string;
const indexOptions = values.index ? { exactUpTo: 0 } : {};
if (!['dev', 'test'].includes(split)) throw new Error(`--split must be dev or test, not '${split}'`);
const dir = sharedData('faces');
const labels = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Record<string, { people: string[] | null }>;
const splits = JSON.parse(fs.readFileSync(path.join(dir, 'split.json'), 'utf8')) as Record<string, string>;
const pairs = fs
  .readFileSync(path.join(dir, 'pairs.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .map(([a, b, same]) => ({ a: a as string, b: b as string, same: same === 'yes' }));

const filesOf = (s: string) => Object.keys(splits).filter((f) => splits[f] === s && labels[f]?.people?.length === 1);

/**
 * The photo shrunk so its long side is `long` px, pasted in a grey 1024×768 scene, re-encoded as JPEG 70; `scale`
 * 2 makes the same scene at 2048×1536, as an original twice the preview's size would be.
 */
async function shrunk(image: RawRgbImage, long: number, scale = 1): Promise<RawRgbImage> {
  const small = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(long * scale, long * scale, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
  const jpeg = await sharp({ create: { width: 1024 * scale, height: 768 * scale, channels: 3, background: { r: 110, g: 120, b: 115 } } })
    .composite([{ input: small.data, raw: { width: small.info.width, height: small.info.height, channels: 3 }, left: 300 * scale, top: 200 * scale }])
    .jpeg({ quality: 70 })
    .toBuffer();
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

await selectBackend({ startAt: 'wasm' });
const modelDir = defaultModelDir();
const detector = await loadFaceDetector(modelDir);

/** The largest face in each photo (every labelled photo shows one main face). */
async function detectAll(files: string[], small: boolean): Promise<Map<string, { image: RawRgbImage; face: DetectedFace | null }>> {
  const out = new Map<string, { image: RawRgbImage; face: DetectedFace | null }>();
  for (const file of files) {
    const original = await decodePhoto(fs.readFileSync(path.join(dir, 'images', file)), { previewSize: 4096 });
    let image = await decodeForTagger(path.join(dir, 'images', file));
    if (small) image = await shrunk(image, 260);
    const [faces = []] = await detector.detect([image]);
    const area = (f: DetectedFace) => (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]);
    const face = [...faces].sort((x, y) => area(y) - area(x))[0] ?? null;
    // --hires: detect on the preview, describe from a decode three times its size (3072 px, as the pipeline's detail
    // decode; boxes are fractions of the photo).
    if (values.hires && small) image = await shrunk(original.preview, 260, 3);
    out.set(file, { image, face });
  }
  return out;
}

let lastMsPerFace = 0;

async function embedAll(detected: Map<string, { image: RawRgbImage; face: DetectedFace | null }>, options: FaceEmbedderOptions): Promise<Map<string, Float32Array | null>> {
  const embedder = await loadFaceEmbedder(modelDir, options);
  // The first call compiles the kernels: pay it before timing.
  const first = [...detected.values()].find((d) => d.face);
  if (first?.face) await embedder.embed(first.image, [{ ...first.face }]);
  const started = performance.now();
  const out = new Map<string, Float32Array | null>();
  for (const [file, { image, face }] of detected) {
    if (!face) {
      out.set(file, null);
      continue;
    }
    // --hires crops the face region from the sharper decode as the pipeline does (cutFaceRegion).
    const { image: source, face: copy } = values.hires && values.small && image.width > 1024 ? cutFaceRegion(image, face) : { image, face: { ...face } };
    await embedder.embed(source, [copy]);
    out.set(file, copy.embedding ?? null);
  }
  embedder.dispose();
  lastMsPerFace = +((performance.now() - started) / Math.max(1, [...out.values()].filter(Boolean).length)).toFixed(1);
  return out;
}

function verification(emb: Map<string, Float32Array | null>, threshold?: number): { accuracy: number; threshold: number; pairs: number } {
  const scored = pairs.filter((p) => emb.has(p.a) && emb.has(p.b)).map((p) => {
    const a = emb.get(p.a);
    const b = emb.get(p.b);
    return { same: p.same, sim: a && b ? dot(a, b) : -1 };
  });
  const accAt = (t: number) => scored.filter((s) => (s.sim >= t) === s.same).length / Math.max(1, scored.length);
  let best = threshold ?? 0;
  if (threshold === undefined) {
    let bestAcc = -1;
    for (let t = 0; t <= 0.995; t += 0.005) {
      const acc = accAt(t);
      if (acc > bestAcc) [bestAcc, best] = [acc, t];
    }
  }
  return { accuracy: +accAt(best).toFixed(4), threshold: +best.toFixed(2), pairs: scored.length };
}

function grouping(emb: Map<string, Float32Array | null>, distance: number, minFaces: number) {
  const files = [...emb.keys()].filter((f) => emb.get(f));
  return scoreLabels(emb, files, densityClusters(files.map((f, i) => ({ id: i, embedding: emb.get(f) as Float32Array })), distance, minFaces, indexOptions), distance);
}

/**
 * As a library grows: the first half of the photos (by name) is grouped in full, then each later face joins the
 * nearest group centroid within `joinDistance` as it is stored (centroids updated as faces join), as FaceGrouper does.
 */
function incremental(emb: Map<string, Float32Array | null>, distance: number, joinDistance: number) {
  const files = [...emb.keys()].filter((f) => emb.get(f)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const half = Math.ceil(files.length / 2);
  const labels = densityClusters(files.slice(0, half).map((f, i) => ({ id: i, embedding: emb.get(f) as Float32Array })), distance, groupingDefaults.minFaces, indexOptions);
  const members = new Map<number, Float32Array[]>();
  labels.forEach((l, i) => l >= 0 && members.set(l, [...(members.get(l) ?? []), emb.get(files[i] as string) as Float32Array]));
  for (const f of files.slice(half)) {
    const e = emb.get(f) as Float32Array;
    const centroids = new Map([...members].map(([l, vs]) => [l, centroid(vs)] as const));
    const l = nearestGroup(e, centroids, joinDistance);
    labels.push(l ?? -1);
    if (l !== null) members.get(l)?.push(e);
  }
  return scoreLabels(emb, files, labels, joinDistance);
}

function scoreLabels(emb: Map<string, Float32Array | null>, files: string[], labelsOf: number[], distance: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const all = [...emb.keys()];
  const group = new Map(files.map((f, i) => [f, labelsOf[i] as number]));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as string;
      const b = all[j] as string;
      const same = labels[a]?.people?.[0] === labels[b]?.people?.[0];
      const ga = group.get(a) ?? -1;
      const together = ga >= 0 && ga === group.get(b);
      if (together && same) tp++;
      else if (together) fp++;
      else if (same) fn++;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const people = new Set(all.map((f) => labels[f]?.people?.[0])).size;
  return {
    distance: +distance.toFixed(2),
    precision: +precision.toFixed(4),
    recall: +recall.toFixed(4),
    f1: +f1.toFixed(4),
    groups: new Set(labelsOf.filter((l) => l >= 0)).size,
    people,
    faces: all.length,
    ungrouped: all.length - [...group.values()].filter((l) => l >= 0).length,
  };
}

/**
 * The user names one photo of each person (trial k: each person's k-th photo, by name) in a library grouped by a
 * full regrouping: the face's group takes the name (or, when the group already has another person's name, the face
 * alone does), then answers every "Is this …?" truthfully (Yes puts the face in that person, No never asks it again)
 * until no question is left. Counts, over every labelled photo, those that end up with their person's name, the
 * wrong names, and the questions asked. Averages over the trials (k = 0 … the largest person's photo count − 1).
 */
function naming(emb: Map<string, Float32Array | null>, maxDistance: number) {
  const files = [...emb.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const who = (f: string) => labels[f]?.people?.[0] as string;
  const people = [...new Set(files.map(who))];
  const withFace = files.filter((f) => emb.get(f));
  const groupOf = new Map<string, number>();
  densityClusters(withFace.map((f, i) => ({ id: i, embedding: emb.get(f) as Float32Array })), groupingDefaults.clusterDistance, groupingDefaults.minFaces).forEach((l, i) => l >= 0 && groupOf.set(withFace[i] as string, l));
  const trials = Math.max(...people.map((p) => files.filter((f) => who(f) === p).length));
  const results: { named: number; wrong: number; yes: number; no: number; namedByGroupOnly: number; peopleAt90: number }[] = [];
  for (let k = 0; k < trials; k++) {
    // name: file → person label the user's naming gave it (via group or alone).
    const name = new Map<string, string>();
    for (const p of people) {
      const mine = files.filter((f) => who(f) === p);
      const chosen = mine[k % mine.length] as string;
      if (!emb.get(chosen)) continue;
      const g = groupOf.get(chosen);
      const groupNamedElsewhere = g !== undefined && withFace.some((f) => groupOf.get(f) === g && name.has(f) && name.get(f) !== p);
      if (g === undefined || groupNamedElsewhere) name.set(chosen, p);
      else for (const f of withFace) if (groupOf.get(f) === g && !name.has(f)) name.set(f, p);
    }
    const namedByGroupOnly = files.filter((f) => name.get(f) === who(f)).length;
    const ids = new Map(withFace.map((f, i) => [f, i] as const));
    const personIds = new Map(people.map((p, i) => [p, i] as const));
    const exclusions = new Map<number, Set<number>>();
    let yes = 0;
    let no = 0;
    for (;;) {
      const faces = withFace.map((f) => ({ id: ids.get(f) as number, embedding: emb.get(f) as Float32Array, namedPerson: name.has(f) ? (personIds.get(name.get(f) as string) as number) : null }));
      const [first] = suggestFaces(faces, exclusions, maxDistance);
      if (!first) break;
      const file = withFace[first.faceId] as string;
      const person = people[first.personId] as string;
      if (who(file) === person) {
        yes++;
        name.set(file, person);
      } else {
        no++;
        exclusions.set(first.faceId, (exclusions.get(first.faceId) ?? new Set()).add(first.personId));
      }
    }
    const named = files.filter((f) => name.get(f) === who(f)).length;
    const wrong = files.filter((f) => name.has(f) && name.get(f) !== who(f)).length;
    const peopleAt90 = people.filter((p) => {
      const mine = files.filter((f) => who(f) === p);
      return mine.filter((f) => name.get(f) === p).length >= 0.9 * mine.length;
    }).length;
    results.push({ named, wrong, yes, no, namedByGroupOnly, peopleAt90 });
  }
  const mean = (key: keyof (typeof results)[number]) => +(results.reduce((a, r) => a + r[key], 0) / results.length).toFixed(2);
  return {
    maxDistance,
    photos: files.length,
    people: people.length,
    trials,
    namedShare: +(mean('named') / files.length).toFixed(3),
    namedShareWorstTrial: +(Math.min(...results.map((r) => r.named)) / files.length).toFixed(3),
    namedByGroupingOnlyShare: +(mean('namedByGroupOnly') / files.length).toFixed(3),
    wrongNames: mean('wrong'),
    questions: { yes: mean('yes'), no: mean('no') },
    peopleAt90: mean('peopleAt90'),
  };
}

/** The dev-chosen clustering distance: the best grouping F1 on dev (ties to the smaller, stricter distance). */
function bestDistance(emb: Map<string, Float32Array | null>): number {
  let best = { f1: -1, distance: 0 };
  for (let d = 0.02; d <= 0.8; d += 0.02) {
    const g = grouping(emb, d, groupingDefaults.minFaces);
    if (g.f1 > best.f1 + 1e-9) best = { f1: g.f1, distance: d };
  }
  return best.distance;
}

const configs: { name: string; options: FaceEmbedderOptions }[] = values.compare
  ? [
      { name: 'faceres m0.2 aligned', options: { model: 'faceres', margin: 0.2, align: true } },
      { name: 'faceres m0.2 upright', options: { model: 'faceres', margin: 0.2, align: false } },
      { name: 'faceres m0 aligned', options: { model: 'faceres', margin: 0, align: true } },
      { name: 'faceres m0 aligned, no size limit', options: { model: 'faceres', margin: 0, align: true, minEyePixels: 0 } },
      { name: 'faceres m0 aligned, eyes ≥ 20 px', options: { model: 'faceres', margin: 0, align: true, minEyePixels: 20 } },
      { name: 'faceres m0.4 aligned', options: { model: 'faceres', margin: 0.4, align: true } },
      { name: 'mobileface m0.2 aligned 0..1', options: { model: 'mobileface', margin: 0.2, align: true, pixelRange: 'unit' } },
      { name: 'mobileface m0.2 aligned -1..1', options: { model: 'mobileface', margin: 0.2, align: true, pixelRange: 'signed' } },
      { name: 'mobileface m0.2 aligned 0..255', options: { model: 'mobileface', margin: 0.2, align: true, pixelRange: 'raw' } },
      { name: 'mobileface m0 aligned -1..1', options: { model: 'mobileface', margin: 0, align: true, pixelRange: 'signed' } },
    ]
  : [{ name: 'shipped', options: {} }];
if (values.compare) configs.unshift({ name: 'shipped', options: {} });

const devFiles = filesOf('dev');
const evalFiles = filesOf(split);
const report: Record<string, unknown>[] = [];
for (const small of values.small ? [false, true] : [false]) {
  const devDetected = await detectAll(devFiles, small);
  const evalDetected = split === 'dev' ? devDetected : await detectAll(evalFiles, small);
  for (const config of configs) {
    const devEmb = await embedAll(devDetected, config.options);
    const evalEmb = split === 'dev' ? devEmb : await embedAll(evalDetected, config.options);
    const devVer = verification(devEmb);
    const distance = values.compare ? bestDistance(devEmb) : groupingDefaults.clusterDistance;
    const joinSweep = values.compare && config.name === 'shipped' ? [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45].map((d) => ({ joinDistance: d, ...incremental(devEmb, distance, d) })) : undefined;
    report.push({
      config: config.name,
      scene: small ? `shrunk into 1024 px${values.hires ? ', described from a 3× decode' : ''}` : 'as is',
      split,
      detected: [...evalDetected.values()].filter((d) => d.face).length,
      embedded: [...evalEmb.values()].filter(Boolean).length,
      photos: evalFiles.length,
      msPerFace: lastMsPerFace,
      verification: verification(evalEmb, devVer.threshold),
      grouping: grouping(evalEmb, distance, groupingDefaults.minFaces),
      incremental: incremental(evalEmb, distance, groupingDefaults.joinDistance),
      ...(joinSweep ? { devJoinSweep: joinSweep } : {}),
      ...(values.naming
        ? {
            naming: naming(evalEmb, suggestDistance),
            ...(split === 'dev' ? { devNamingSweep: [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65].map((d) => naming(devEmb, d)) } : {}),
          }
        : {}),
    });
  }
}
detector.dispose();
const out = { defaults: { ...faceEmbedderDefaults, ...groupingDefaults }, results: report };
if (values.json) console.log(JSON.stringify(out, null, 1));
else for (const r of report) console.log(JSON.stringify(r));
