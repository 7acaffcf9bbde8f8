import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { loadCaptionPack } from '../../../native-models/captioner/neural/loadCaptionPack.js';
import type { CaptionPack } from '../../../native-models/captioner/neural/loadCaptionPack.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { brightnessOf, solidImage, tinyCaptionLogProb, writeTinyCaptionPack } from '../../helpers/tinyCaptionPack.js';
import type { TinyModelFormat, TinyToken } from '../../helpers/tinyCaptionPack.js';

const temp = makeTempDir('phototag-caption-pack-');
const white = solidImage(8, 8, 255);
const black = solidImage(8, 8, 0);
const packs = new Map<string, CaptionPack>();

const combinations: { label: string; encoderFormat: TinyModelFormat; decoderFormat: TinyModelFormat }[] = [
  { label: 'layers encoder + layers decoder', encoderFormat: 'layers-model', decoderFormat: 'layers-model' },
  // Keras-style export: batch pinned to 1, fixed padded length, mask input, logits out.
  { label: 'graph encoder + graph decoder', encoderFormat: 'graph-model', decoderFormat: 'graph-model' },
  { label: 'graph encoder + layers decoder', encoderFormat: 'graph-model', decoderFormat: 'layers-model' },
];

const reference = (tokens: TinyToken[], grey: number) => tinyCaptionLogProb(tokens, brightnessOf(grey));

beforeAll(async () => {
  await selectBackend({ startAt: 'wasm' });
  for (const c of combinations) {
    const dir = path.join(temp.dir, c.label.replace(/\W+/g, '-'));
    await writeTinyCaptionPack(dir, c);
    packs.set(c.label, await loadCaptionPack(dir, { backend: 'wasm' }));
  }
});

afterAll(() => {
  for (const pack of packs.values()) pack.dispose();
  temp.cleanup();
});

describe.each(combinations)('neural caption pack ($label)', ({ label }) => {
  const pack = () => packs.get(label) as CaptionPack;

  it('runs on the wasm backend', () => {
    expect(pack().backend.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(pack().version).toMatch(/^caption-pack:tiny test pack@[0-9a-f]{16}$/);
  });

  it('greedy decoding follows the locally likeliest token and stops at <end>', async () => {
    const [caption] = await pack().caption([white], { strategy: 'greedy' });
    expect(caption?.text).toBe('A dog on a couch.');
    expect(caption?.tokens).toEqual(['a', 'dog', 'on', 'a', 'couch']);
    expect(caption?.complete).toBe(true);
    expect(caption?.logProb).toBeCloseTo(reference(['a', 'dog', 'on', 'a', 'couch', '<end>'], 255), 4);
  });

  it('beam search finds the caption with the higher total probability that greedy misses', async () => {
    const [greedy] = await pack().caption([white], { strategy: 'greedy' });
    const [beam] = await pack().caption([white], { strategy: 'beam', beamWidth: 2 });
    expect(beam?.text).toBe('Two dogs on a couch.');
    expect(beam?.logProb).toBeCloseTo(reference(['two', 'dogs', 'on', 'a', 'couch', '<end>'], 255), 4);
    expect(beam?.logProb).toBeGreaterThan(greedy?.logProb ?? 0);
    // Width 1 keeps only the best partial caption at each step, which here is the greedy path.
    const [narrow] = await pack().caption([white], { strategy: 'beam', beamWidth: 1 });
    expect(narrow?.text).toBe('A dog on a couch.');
  });

  it('captions a batch, each image from its own features, whatever its size', async () => {
    const images = [white, black, solidImage(13, 7, 255), solidImage(5, 11, 0)];
    const greedy = await pack().caption(images, { strategy: 'greedy' });
    expect(greedy.map((c) => c.text)).toEqual(['A dog on a couch.', 'A cat on a bed.', 'A dog on a couch.', 'A cat on a bed.']);
    expect(greedy[1]?.logProb).toBeCloseTo(reference(['a', 'cat', 'on', 'a', 'bed', '<end>'], 0), 4);
    const beam = await pack().caption(images, { strategy: 'beam', beamWidth: 3, lengthPenalty: 0.6 });
    expect(beam.map((c) => c.text)).toEqual(['Two dogs on a couch.', 'Two cats on a bed.', 'Two dogs on a couch.', 'Two cats on a bed.']);
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await pack().caption([white, black], { strategy: 'greedy' });
    await pack().caption([white, black], { strategy: 'beam', beamWidth: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('neural caption pack limits', () => {
  it('cuts a caption at maxCaptionLength and says it is incomplete', async () => {
    const dir = path.join(temp.dir, 'short');
    await writeTinyCaptionPack(dir, { editManifest: (m) => (m.maxCaptionLength = 3) });
    const pack = await loadCaptionPack(dir, { backend: 'wasm' });
    try {
      const [greedy, beam] = [...(await pack.caption([white], { strategy: 'greedy' })), ...(await pack.caption([white], { strategy: 'beam', beamWidth: 2 }))];
      expect(greedy).toMatchObject({ text: 'A dog on.', tokens: ['a', 'dog', 'on'], complete: false });
      expect(greedy?.logProb).toBeCloseTo(reference(['a', 'dog', 'on'], 255), 4);
      expect(beam).toMatchObject({ text: 'Two dogs on.', complete: false });
    } finally {
      pack.dispose();
    }
  });

  it('decodes one sequence per call when a decoder that declares an open batch cannot take two', async () => {
    const dir = path.join(temp.dir, 'pinned-inside');
    await writeTinyCaptionPack(dir, { encoderFormat: 'graph-model', decoderFormat: 'graph-model', decoderBatchOnlyDeclared: true });
    const pack = await loadCaptionPack(dir, { backend: 'wasm' });
    try {
      const [beam] = await pack.caption([white], { strategy: 'beam', beamWidth: 3 });
      expect(beam?.text).toBe('Two dogs on a couch.');
    } finally {
      pack.dispose();
    }
  });

  it('releases every tensor it loaded when disposed', async () => {
    const dir = path.join(temp.dir, 'dispose');
    await writeTinyCaptionPack(dir, { encoderFormat: 'graph-model' });
    const before = tf.memory().numTensors;
    const pack = await loadCaptionPack(dir, { backend: 'wasm' });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await pack.caption([white], { strategy: 'beam', beamWidth: 2 });
    pack.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(pack.caption([white])).rejects.toThrow(/disposed/);
  });
});
