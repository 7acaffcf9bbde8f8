/**
 * Measures the photo embedding and the scene head on scenes `test`:
 * - few-shot: 10 `dev` photos per class as examples (20 random draws), every `test` photo as a query, mean F1;
 * - the shipped scene head (trained on dev): accuracy and mean F1 on scenes test, and indoor-vs-outdoor accuracy on
 *   coco test photos whose objects settle it.
 *
 *   npx tsx test/eval/eval-scenes.ts [--data <scenes dir>] [--json]
 */
import { applyLinearHead } from '../../native-models/heads/linearHead.js';
import { sceneHead } from '../../native-models/scenes/sceneHeadWeights.js';
import { createTagger } from '../../native-models/tagger/createTagger.js';
import { sharedData } from '../helpers/sharedData.js';
import { embedPhotos } from './lib/embedPhotos.js';
import { evalArgs } from './lib/evalArgs.js';
import { drawShots, fewShotPredict, meanF1, seededRandom } from './lib/fewShot.js';
import type { FewShotMethod } from './lib/fewShot.js';
import { isClearlyIndoor, isClearlyOutdoor } from './lib/indoorHeuristic.js';
import { readTagDataset } from './lib/tagDataset.js';

const args = evalArgs(() => sharedData('scenes'), 'test');
const dev = readTagDataset(args.data, 'dev');
const test = readTagDataset(args.data, 'test');
const cocoTest = readTagDataset(sharedData('coco'), 'test').flatMap((im) => {
  const place = isClearlyIndoor(im.labels) ? 'indoor' : isClearlyOutdoor(im.labels) ? 'outdoor' : null;
  return place ? [{ ...im, place }] : [];
});
const tagger = await createTagger({ backend: 'wasm', profile: 'fast' });
const embeddings = await embedPhotos(tagger, [...dev, ...test, ...cocoTest]);
const version = tagger.version;
tagger.dispose();

const labelOf = new Map([...dev, ...test].map((im) => [im.file, im.labels[0] ?? '']));
const vec = (f: string) => embeddings.get(f) ?? [];
const draws = 20;
const fewShot = (method: FewShotMethod) => {
  const random = seededRandom(11);
  const f1s: number[] = [];
  for (let d = 0; d < draws; d++) {
    const { train } = drawShots(dev.map((im) => im.file), (f) => labelOf.get(f) ?? '', 10, random);
    const predicted = fewShotPredict(train.map(vec), train.map((f) => labelOf.get(f) ?? ''), test.map((im) => vec(im.file)), method);
    f1s.push(meanF1(predicted, test.map((im) => im.labels[0] ?? '')));
  }
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const sd = Math.sqrt(f1s.reduce((a, b) => a + (b - mean) ** 2, 0) / f1s.length);
  return { meanF1: +mean.toFixed(4), sd: +sd.toFixed(4), min: +Math.min(...f1s).toFixed(4), max: +Math.max(...f1s).toFixed(4) };
};
const report: Record<string, unknown> = {
  embedding: version,
  testPhotos: test.length,
  fewShot10: { centroid: fewShot('centroid'), logistic: fewShot('logistic') },
};
const head = sceneHead;
if (head) {
  const predicted = test.map((im) => applyLinearHead(head, vec(im.file))[0]?.label ?? '');
  const actual = test.map((im) => im.labels[0] ?? '');
  report.sceneHead = {
    accuracy: +(predicted.filter((p, i) => p === actual[i]).length / test.length).toFixed(4),
    meanF1: +meanF1(predicted, actual).toFixed(4),
    predictedIndoorOrOutdoor: predicted.filter((p) => p === 'indoor' || p === 'outdoor').length,
  };
  // Indoor vs outdoor on coco test photos whose objects settle it (lib/indoorHeuristic.ts): the head's belief in
  // 'indoor' against everything else, since an outdoor photo may rightly come out as 'street' or 'sea'.
  const indoorCalls = cocoTest.map((im) => applyLinearHead(head, vec(im.file))[0]?.label === 'indoor');
  report.cocoIndoorVsOutdoor = {
    photos: cocoTest.length,
    accuracy: +(indoorCalls.filter((call, i) => call === (cocoTest[i]?.place === 'indoor')).length / Math.max(1, cocoTest.length)).toFixed(4),
  };
}
console.log(args.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
