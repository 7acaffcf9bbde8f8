import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertOnnxModels, onnxFileName } from '../../../native-models/onnx/convertModels.js';
import type { OnnxManifest } from '../../../native-models/onnx/convertModels.js';
import { onnxModelNames } from '../../../native-models/onnx/onnxModels.js';
import { createTagger } from '../../../native-models/tagger/createTagger.js';
import type { TagResult } from '../../../native-models/tagger/types.js';
import type { RawRgbImage } from '../../../native-models/tagger/types.js';
import { decodeForTagger } from '../../eval/lib/decodeForTagger.js';
import { repoRoot, sharedData } from '../../helpers/sharedData.js';
import { makeTempDir } from '../../helpers/tempDirs.js';

// People with faces, animals, a table scene: photos where every model the 'fast' tagger runs has something to say.
const photos = ['000000000459.jpg', '000000000110.jpg', '000000000025.jpg', '000000000009.jpg', '000000562150.jpg'];

const temp = makeTempDir('phototag-onnx-');
let manifest: OnnxManifest;
let images: RawRgbImage[];
let onWasm: TagResult[];

beforeAll(async () => {
  manifest = convertOnnxModels(temp.dir);
  images = await Promise.all(photos.map((p) => decodeForTagger(sharedData('coco', 'images', p))));
  const wasm = await createTagger({ profile: 'fast', backend: 'wasm' });
  try {
    onWasm = await wasm.tagBatch(images);
  } finally {
    wasm.dispose();
  }
}, 180_000);
afterAll(() => temp.cleanup());

function expectSameTags(actual: TagResult[], expected: TagResult[]): void {
  actual.forEach((result, i) => {
    const want = expected[i] as TagResult;
    expect(result.tags.map((t) => [t.name, t.count])).toEqual(want.tags.map((t) => [t.name, t.count]));
    result.scores.forEach((score, c) => expect(Math.abs(score - (want.scores[c] as number))).toBeLessThan(0.005));
    expect(result.faces.length).toBe(want.faces.length);
    let dot = 0;
    result.embedding.forEach((v, k) => (dot += v * (want.embedding[k] as number)));
    expect(dot).toBeGreaterThan(0.999);
  });
}

describe('the onnxruntime backend', () => {
  it('converts to exactly the files the committed manifest describes, from the same sources', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(repoRoot, 'native-models', 'onnx', 'manifest.json'), 'utf8')) as OnnxManifest;
    expect(manifest).toEqual(committed);
    for (const name of onnxModelNames) expect(fs.statSync(path.join(temp.dir, onnxFileName(name))).size).toBe(committed.models[name]?.bytes);
  });

  it("gives the 'fast' tagger the same tags, counts, faces and embedding as wasm", async () => {
    const tagger = await createTagger({ profile: 'fast', backend: 'onnxruntime', onnxDir: temp.dir });
    try {
      expect(tagger.backend.name).toBe('onnxruntime');
      expect(tagger.backend.fallbacks).toEqual([]);
      const results = await tagger.tagBatch(images);
      expect(results.some((r) => r.faces.some((f) => f.embedding))).toBe(true);
      expectSameTags(results, onWasm);
    } finally {
      tagger.dispose();
    }
  }, 120_000);

  it('runs a model whose ONNX file is truncated or missing on wasm, naming the file, and still tags', async () => {
    const broken = path.join(temp.dir, 'broken');
    fs.mkdirSync(broken);
    for (const file of fs.readdirSync(temp.dir).filter((f) => f.endsWith('.onnx') || f === 'manifest.json')) fs.copyFileSync(path.join(temp.dir, file), path.join(broken, file));
    const centernet = path.join(broken, onnxFileName('centernet'));
    fs.truncateSync(centernet, Math.floor(fs.statSync(centernet).size / 2));
    fs.rmSync(path.join(broken, onnxFileName('faceres')));
    const tagger = await createTagger({ profile: 'fast', backend: 'onnxruntime', onnxDir: broken });
    try {
      expect(tagger.backend.name).toBe('onnxruntime');
      const fallbacks = tagger.backend.fallbacks ?? [];
      expect(fallbacks).toHaveLength(2);
      expect(fallbacks[0]).toContain(`centernet runs on wasm: the ONNX model ${centernet} is damaged`);
      expect(fallbacks[1]).toContain(`${path.join(broken, onnxFileName('faceres'))} is missing`);
      expectSameTags(await tagger.tagBatch(images), onWasm);
    } finally {
      tagger.dispose();
    }
  }, 120_000);
});
