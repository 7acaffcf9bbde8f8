import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { yolov5ModelDir } from '../../../native-models/loading/modelDir.js';
import { createTagger } from '../../../native-models/tagger/createTagger.js';
import { letterbox } from '../../../native-models/tagger/letterbox.js';
import { loadYolov5, runYolov5, yolov5InputSize, yolov5PadValue } from '../../../native-models/tagger/yolov5.js';
import type { Tagger } from '../../../native-models/tagger/createTagger.js';
import type { TagResult } from '../../../native-models/tagger/types.js';
import { decodeForTagger } from '../../eval/lib/decodeForTagger.js';
import { sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

// Clear cases from the dev splits: people filling a good part of the frame, and empty glaciers and peaks
// (checked by eye: intel_20093, a glacier with two hikers on it, is deliberately not among them, nor intel_20358,
// whose three specks on the snow YOLOv5s called people: enlarged, they look like skiers).
const peoplePhotos = ['000000000459.jpg', '000000000110.jpg', '000000562150.jpg', '000000000370.jpg'];
const emptyMountains = ['intel_20211.jpg', 'intel_20363.jpg', 'intel_20372.jpg', 'intel_20427.jpg', 'intel_20490.jpg'];

const names = (r: TagResult) => r.tags.map((t) => t.name);
let tagger: Tagger;
const temp = makeTempDir('phototag-exif-');

beforeAll(async () => {
  tagger = await createTagger({ backend: 'wasm' });
});
afterAll(() => {
  tagger?.dispose();
  temp.cleanup();
});

describe('tagger on real photos', () => {
  it('finds people on COCO photos labelled person, and counts them', async () => {
    const images = await Promise.all(peoplePhotos.map((f) => decodeForTagger(sharedData('coco', 'images', f))));
    const results = await tagger.tagBatch(images);
    expect(results).toHaveLength(peoplePhotos.length);
    for (const r of results) {
      const person = r.tags.find((t) => t.name === 'person');
      expect(person?.confidence).toBeGreaterThan(0.7);
      expect(person?.count).toBeGreaterThanOrEqual(1);
      expect(r.scores).toHaveLength(80);
    }
    // 000000000110 shows a group of people; more than one must be counted.
    expect(results[1]?.tags.find((t) => t.name === 'person')?.count).toBeGreaterThan(1);
  });

  it('runs YOLOv5s on a batch exactly as on each photo alone, and it sees the people', async () => {
    const images = await Promise.all(peoplePhotos.slice(0, 2).map((f) => decodeForTagger(sharedData('coco', 'images', f))));
    const yolo = await loadYolov5(yolov5ModelDir());
    const inputs = images.map((image) => letterbox(image, { size: yolov5InputSize, padValue: yolov5PadValue }).input);
    try {
      // perCall 2 is what the native backends do; wasm runs one photo per call.
      const together = await runYolov5(yolo, inputs, 2);
      const alone = await runYolov5(yolo, inputs, 1);
      for (const i of [0, 1]) {
        expect(together[i]).toHaveLength(80);
        expect(together[i]?.[0]).toBeGreaterThan(0.5);
        for (let c = 0; c < 80; c++) expect(together[i]?.[c]).toBeCloseTo(alone[i]?.[c] ?? -1, 4);
      }
      // The tagger's own pass gives the same scores.
      const evidence = await tagger.collectEvidence(images, ['centernet', 'yolo']);
      for (const i of [0, 1]) expect(evidence[i]?.passes.yolo?.[0]).toBeCloseTo(alone[i]?.[0] ?? -1, 4);
    } finally {
      tf.dispose(inputs);
      yolo.dispose();
    }
  });

  it('does not see people on empty glaciers and mountains', async () => {
    const images = await Promise.all(emptyMountains.map((f) => decodeForTagger(sharedData('scenes', 'images', f))));
    const results = await tagger.tagBatch(images);
    for (const [i, r] of results.entries()) expect(names(r), emptyMountains[i]).not.toContain('person');
  });

  it('gives an EXIF-rotated photo the same top tags as its upright copy', async () => {
    const original = sharedData('coco', 'images', '000000000459.jpg');
    const upright = path.join(temp.dir, 'upright.jpg');
    const rotated = path.join(temp.dir, 'rotated-orientation-6.jpg');
    await sharp(original).jpeg({ quality: 95 }).toFile(upright);
    // Orientation 6 = "rotate 90° clockwise to view", so the stored pixels are the upright ones turned anticlockwise.
    await sharp(original).rotate(270).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(rotated);
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const [a, b] = await Promise.all([decodeForTagger(upright), decodeForTagger(rotated)]);
    expect([b?.width, b?.height]).toEqual([a?.width, a?.height]);
    const [ra, rb] = await tagger.tagBatch([a, b].filter((x) => x !== undefined));
    const top = (r: TagResult | undefined) => (r ? names(r).slice(0, 3).sort() : []);
    expect(top(rb)).toEqual(top(ra));
    expect(top(ra)).toContain('person');
  });

  it('returns an L2-normalised embedding and boxes inside the photo when asked', async () => {
    const boxed = await createTagger({ backend: 'wasm', profile: 'fast', boxes: true });
    try {
      const [r] = await boxed.tagBatch([await decodeForTagger(sharedData('coco', 'images', peoplePhotos[0] as string))]);
      expect(r?.embedding.length).toBe(720);
      expect(Math.hypot(...(r?.embedding ?? []))).toBeCloseTo(1, 4);
      const person = r?.tags.find((t) => t.name === 'person');
      expect(person?.boxes?.length).toBeGreaterThanOrEqual(1);
      for (const b of person?.boxes ?? []) {
        for (const v of b.box) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
    } finally {
      boxed.dispose();
    }
  });
});

describe('scene tags', () => {
  it('names clear glacier, mountain and indoor photos', async () => {
    const files = [sharedData('scenes', 'images', 'intel_20372.jpg'), sharedData('scenes', 'images', 'intel_20427.jpg'), sharedData('coco', 'images', '000000000459.jpg')];
    const results = await tagger.tagBatch(await Promise.all(files.map((f) => decodeForTagger(f))));
    expect(results.map((r) => r.scenes[0]?.name)).toEqual(['glacier', 'mountain', 'indoor']);
    for (const r of results) for (const s of r.scenes) expect(s.confidence).toBeGreaterThanOrEqual(0.5);
  });
});
