/**
 * Picks the embedding node by few-shot accuracy on scenes `dev` only: 20 random draws of 10 photos per class as
 * examples, the other 15 per class as queries, nearest-centroid and logistic heads. Prints the table the shipped
 * choice (native-models/embedding/embeddingSpec.ts) was made from.
 *
 *   npx tsx test/eval/tune-embedding.ts [--data <scenes dir>]
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../native-models/backends/selectBackend.js';
import { defaultModelDir } from '../../native-models/loading/modelDir.js';
import { centernetInputSize, loadCenternet, runCenternet } from '../../native-models/tagger/centernet.js';
import { letterbox } from '../../native-models/tagger/letterbox.js';
import { sharedData } from '../helpers/sharedData.js';
import { decodeForTagger } from './lib/decodeForTagger.js';
import { evalArgs } from './lib/evalArgs.js';
import { drawShots, fewShotPredict, meanF1, seededRandom } from './lib/fewShot.js';
import type { FewShotMethod } from './lib/fewShot.js';
import { RawOutputCache } from './lib/rawOutputCache.js';
import { pyramidPool } from './lib/pyramidPool.js';
import { readTagDataset } from './lib/tagDataset.js';

const args = evalArgs(() => sharedData('scenes'), 'dev');
if (args.split !== 'dev') throw new Error('tune-embedding selects on dev only; eval-scenes.ts measures test');
const images = readTagDataset(args.data, 'dev');
const labelOf = new Map(images.map((im) => [im.file, im.labels[0] ?? '']));

const nodes = [
  'tower_0/MobilenetV3/expanded_conv_11/add',
  'tower_0/MobilenetV3/expanded_conv_12/depthwise/hard_swish/mul_1',
  'tower_0/MobilenetV3/expanded_conv_13/depthwise/hard_swish/mul_1',
  'tower_0/MobilenetV3/expanded_conv_14/depthwise/hard_swish/mul_1',
  'tower_0/MobilenetV3/expanded_conv_14/add',
  'tower_0/extern1/hard_swish/mul_1',
  'tower_0/CenternetHead/Relu_2',
  'tower_0/keypoints',
];

await selectBackend({ startAt: 'wasm' });
const model = await loadCenternet(defaultModelDir());
const cache = new RawOutputCache('tune-embedding-v1');
const pyramids = new Map<string, Map<string, number[]>>();
for (const node of nodes) {
  const perFile = new Map<string, number[]>();
  for (const im of images) {
    perFile.set(
      im.file,
      await cache.get(node.replace(/\//g, '_'), im.file, async () => {
        const img = await decodeForTagger(im.path);
        const { input, placement } = letterbox(img, { size: centernetInputSize });
        const batch = input.expandDims(0) as tf.Tensor4D;
        const [out] = await runCenternet(model, batch, { maxPeaks: 1, embedding: { node, photoSizes: [placement], pooling: pyramidPool } });
        tf.dispose([input, batch]);
        return [...(out?.embedding ?? [])];
      }),
    );
  }
  pyramids.set(node, perFile);
}
model.dispose();

const l2 = (v: number[]) => {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};
const poolings: Record<string, (pyr: number[]) => number[]> = {
  'mean': (pyr) => l2(pyr.slice(0, pyr.length / 3)),
  'mean, signed sqrt': (pyr) => l2(pyr.slice(0, pyr.length / 3).map((x) => Math.sign(x) * Math.sqrt(Math.abs(x)))),
  'pyramid (whole + top + bottom)': (pyr) => pyr,
};
const draws = 20;
const score = (features: Map<string, number[]>, method: FewShotMethod) => {
  const random = seededRandom(7);
  let total = 0;
  for (let d = 0; d < draws; d++) {
    const { train, rest } = drawShots(images.map((im) => im.file), (f) => labelOf.get(f) ?? '', 10, random);
    const predicted = fewShotPredict(train.map((f) => features.get(f) ?? []), train.map((f) => labelOf.get(f) ?? ''), rest.map((f) => features.get(f) ?? []), method);
    total += meanF1(predicted, rest.map((f) => labelOf.get(f) ?? ''));
  }
  return total / draws;
};
console.log(`scenes dev: ${images.length} photos; 10 examples per class, ${draws} draws, queries = the other dev photos`);
console.log('| node | pooling | dim | centroid mean F1 | logistic mean F1 |\n|---|---|---|---|---|');
for (const node of nodes) {
  for (const [name, pool] of Object.entries(poolings)) {
    const features = new Map([...(pyramids.get(node) ?? new Map<string, number[]>())].map(([f, v]) => [f, pool(v)]));
    const dim = features.values().next().value?.length ?? 0;
    console.log(`| ${node.replace('tower_0/', '')} | ${name} | ${dim} | ${score(features, 'centroid').toFixed(3)} | ${score(features, 'logistic').toFixed(3)} |`);
  }
}
