import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { loadFaceDetector, type FaceDetector } from '../../../native-models/faces/faceDetector.js';
import { defaultModelDir } from '../../../native-models/loading/modelDir.js';
import { decodeForTagger } from '../../eval/lib/decodeForTagger.js';
import { sharedData } from '../../helpers/sharedData.js';

/** Faces counted by eye on these coco photos: two officials cutting a ribbon, a woman with a parasol, a cake party. */
const counted: Record<string, number> = { '000000000165.jpg': 2, '000000000036.jpg': 1, '000000000113.jpg': 2 };

describe('the face detector on real photos', () => {
  let detector: FaceDetector;
  beforeAll(async () => {
    await selectBackend({ startAt: 'wasm' });
    detector = await loadFaceDetector(defaultModelDir());
  });
  afterAll(() => detector?.dispose());

  it('counts the faces people can see', async () => {
    const files = Object.keys(counted);
    const found = await detector.detect(await Promise.all(files.map((f) => decodeForTagger(sharedData('coco', 'images', f)))));
    expect(found.map((faces) => faces.length)).toEqual(files.map((f) => counted[f]));
    for (const faces of found) {
      for (const { box, score } of faces) {
        expect(score).toBeGreaterThanOrEqual(0.5);
        expect(box[0]).toBeLessThan(box[2]);
        expect(box[1]).toBeLessThan(box[3]);
        for (const v of box) expect(v >= 0 && v <= 1).toBe(true);
      }
    }
    // The parasol photo's face is in its upper half.
    expect(found[1]?.[0]?.box[3]).toBeLessThan(0.5);
  });

  it('finds none in landscapes', async () => {
    const files = ['intel_20211.jpg', 'intel_20358.jpg', 'intel_20372.jpg'];
    const found = await detector.detect(await Promise.all(files.map((f) => decodeForTagger(sharedData('scenes', 'images', f)))));
    expect(found.map((faces) => faces.length)).toEqual([0, 0, 0]);
  });
});
