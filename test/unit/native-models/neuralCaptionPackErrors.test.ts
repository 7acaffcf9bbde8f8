import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../native-models/backends/selectBackend.js';
import { CaptionPackError } from '../../../native-models/captioner/neural/CaptionPackError.js';
import type { CaptionPackProblem } from '../../../native-models/captioner/neural/CaptionPackError.js';
import { loadCaptionPack } from '../../../native-models/captioner/neural/loadCaptionPack.js';
import { ModelLoadError } from '../../../native-models/loading/ModelLoadError.js';
import { makeTempDir } from '../../helpers/tempDirs.js';
import { tinyVocabulary, writeTinyCaptionPack } from '../../helpers/tinyCaptionPack.js';
import type { TinyCaptionPack, TinyCaptionPackOptions } from '../../helpers/tinyCaptionPack.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
beforeAll(async () => {
  await selectBackend({ startAt: 'cpu' });
});

async function tinyPack(options: TinyCaptionPackOptions = {}): Promise<TinyCaptionPack> {
  const temp = makeTempDir('phototag-bad-pack-');
  cleanup = temp.cleanup;
  return writeTinyCaptionPack(path.join(temp.dir, 'pack'), options);
}

/** Loads and expects the named problem; also checks nothing loaded before the failure is left in memory. */
async function loadError(dir: string, problem: CaptionPackProblem): Promise<CaptionPackError> {
  const tensorsBefore = tf.memory().numTensors;
  try {
    const pack = await loadCaptionPack(dir, { backend: 'cpu' });
    pack.dispose();
  } catch (error) {
    expect(error).toBeInstanceOf(CaptionPackError);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const packError = error as CaptionPackError;
    expect(packError.problem, packError.message).toBe(problem);
    return packError;
  }
  throw new Error(`expected loading ${dir} to fail with ${problem}`);
}

const editJson = (file: string, edit: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json));
};

describe('loadCaptionPack on a missing or unreadable pack', () => {
  it('reports a folder that does not exist, saying how to install a pack', async () => {
    const pack = await tinyPack();
    const error = await loadError(path.join(pack.dir, 'nope'), 'missing-directory');
    expect(error.kind).toBe('missing');
    expect(error.message).toContain(path.join(pack.dir, 'nope'));
    expect(error.message).toMatch(/copying its folder \(the one holding caption-pack\.json\)/);
  });

  it('reports a file given in place of a folder', async () => {
    const pack = await tinyPack();
    expect((await loadError(pack.manifestFile, 'missing-directory')).message).toMatch(/is a file, not a caption pack folder/);
  });

  it('reports a folder without caption-pack.json', async () => {
    const pack = await tinyPack();
    fs.rmSync(pack.manifestFile);
    const error = await loadError(pack.dir, 'missing-file');
    expect(error.file).toBe(pack.manifestFile);
    expect(error.message).toMatch(/not a caption pack/);
  });

  it('reports a manifest that is not JSON', async () => {
    const pack = await tinyPack();
    fs.writeFileSync(pack.manifestFile, '{"format": "phototag-caption-pack",');
    expect((await loadError(pack.dir, 'invalid-manifest')).message).toMatch(/not valid JSON/);
  });

  it('reports the manifest field that is wrong', async () => {
    const pack = await tinyPack({ editManifest: (m) => delete m.specialTokens });
    expect((await loadError(pack.dir, 'invalid-manifest')).message).toMatch(/specialTokens: is required/);
  });

  it('reports a missing vocabulary', async () => {
    const pack = await tinyPack();
    fs.rmSync(pack.vocabularyFile);
    expect((await loadError(pack.dir, 'missing-file')).file).toBe(pack.vocabularyFile);
  });

  it('reports a vocabulary without a special token the manifest names', async () => {
    const pack = await tinyPack({ editManifest: (m) => (m.specialTokens = { start: '<s>', end: '<end>', pad: '<pad>', unk: '<unk>' }) });
    expect((await loadError(pack.dir, 'invalid-vocabulary')).message).toMatch(/start token "<s>"/);
  });
});

describe('loadCaptionPack on broken model files', () => {
  it('reports missing encoder weights, naming the file', async () => {
    const pack = await tinyPack();
    fs.rmSync(pack.encoderWeights);
    const error = await loadError(pack.dir, 'missing-file');
    expect(error.file).toBe(pack.encoderWeights);
    expect(error.message).toMatch(/encoder weights/);
  });

  it('reports a missing decoder', async () => {
    const pack = await tinyPack();
    fs.rmSync(pack.decoderJson);
    expect((await loadError(pack.dir, 'missing-file')).file).toBe(pack.decoderJson);
  });

  it('reports truncated decoder weights with the byte counts', async () => {
    const pack = await tinyPack();
    const size = fs.statSync(pack.decoderWeights).size;
    fs.truncateSync(pack.decoderWeights, size - 100);
    const error = await loadError(pack.dir, 'truncated-weights');
    expect(error.file).toBe(pack.decoderWeights);
    expect(error.message).toContain(`hold ${size - 100} bytes but`);
    expect(error.message).toContain(`needs ${size}`);
    expect(error.message).toMatch(/incomplete/);
    expect(error.message).not.toMatch(/Reinstall Phototag/);
  });

  it('reports weights that belong to another model', async () => {
    const pack = await tinyPack();
    fs.appendFileSync(pack.encoderWeights, Buffer.alloc(64));
    expect((await loadError(pack.dir, 'invalid-model')).message).toMatch(/belong to another model/);
  });

  it('reports a model.json that is not a tfjs model', async () => {
    const pack = await tinyPack();
    fs.writeFileSync(pack.encoderJson, JSON.stringify({ hello: 'world' }));
    expect((await loadError(pack.dir, 'invalid-model')).message).toMatch(/encoder .* is not a tfjs model/);
    fs.writeFileSync(pack.encoderJson, '{"modelTopology":');
    expect((await loadError(pack.dir, 'invalid-model')).message).toMatch(/not valid JSON/);
  });

  it('refuses weight files outside the pack folder', async () => {
    const pack = await tinyPack();
    editJson(pack.decoderJson, (json) => {
      (json.weightsManifest as { paths: string[] }[])[0]!.paths = ['../../weights.bin'];
    });
    expect((await loadError(pack.dir, 'invalid-model')).message).toMatch(/outside the pack folder/);
  });

  it('explains that a custom Keras layer needs a graph-model conversion', async () => {
    const pack = await tinyPack();
    const text = fs.readFileSync(pack.decoderJson, 'utf8').replace('"class_name":"SimpleRNN"', '"class_name":"TransformerDecoderBlock"');
    fs.writeFileSync(pack.decoderJson, text);
    const error = await loadError(pack.dir, 'invalid-model');
    expect(error.message).toMatch(/custom Keras layer TransformerDecoderBlock, which tfjs cannot rebuild/);
    expect(error.message).toMatch(/--output_format tfjs_graph_model/);
  });

  it('reports a model that fails when run, saying what it was given', async () => {
    const pack = await tinyPack({ encoderFormat: 'graph-model' });
    // Swapped operands: [3, 2] × [4, 3] has mismatched inner dimensions, which only shows when the graph runs.
    fs.writeFileSync(pack.encoderJson, fs.readFileSync(pack.encoderJson, 'utf8').replace('"input":["flat","channel_mean"]', '"input":["channel_mean","flat"]'));
    const error = await loadError(pack.dir, 'model-does-not-run');
    expect(error.file).toBe(pack.encoderJson);
    expect(error.message).toMatch(/encoder .* failed on the 'cpu' backend when given a blank 8×8 image \(.+\)/);
  });

  it('reports an op the backend cannot run', async () => {
    const pack = await tinyPack({ encoderFormat: 'graph-model' });
    fs.writeFileSync(pack.encoderJson, fs.readFileSync(pack.encoderJson, 'utf8').replace('"op":"AvgPool"', '"op":"FractionalAvgPool"'));
    const error = await loadError(pack.dir, 'model-does-not-run');
    expect(error.file).toBe(pack.encoderJson);
    expect(error.message).toMatch(/uses the TensorFlow operation FractionalAvgPool, which tfjs does not implement/);
  });
});

describe('loadCaptionPack on parts that do not fit together', () => {
  it('reports a vocabulary shorter than the decoder output, with both sizes', async () => {
    const pack = await tinyPack({ vocabulary: tinyVocabulary.slice(0, -1) });
    const error = await loadError(pack.dir, 'vocabulary-mismatch');
    expect(error.file).toBe(pack.vocabularyFile);
    expect(error.message).toMatch(/lists 13 tokens but the decoder .* predicts 14/);
    expect(error.message).toMatch(/same training run/);
  });

  it('finds the vocabulary mismatch by running a graph decoder that declares no output shape', async () => {
    const pack = await tinyPack({ decoderFormat: 'graph-model', encoderFormat: 'graph-model', vocabulary: [...tinyVocabulary, 'sofa'] });
    expect((await loadError(pack.dir, 'vocabulary-mismatch')).message).toMatch(/lists 15 tokens but the decoder .* predicts 14/);
  });

  it('reports an image size the encoder does not take, and what to set', async () => {
    const pack = await tinyPack({ editManifest: (m) => Object.assign(m.image as object, { width: 16, height: 16 }) });
    const error = await loadError(pack.dir, 'shape-mismatch');
    expect(error.file).toBe(pack.manifestFile);
    expect(error.message).toMatch(/takes 8×8 images but caption-pack\.json image says 16×16\. Set image\.width and image\.height/);
  });

  it('reports an encoder and decoder from different models (declared shapes)', async () => {
    const pack = await tinyPack({ encoderFeatureDepth: 3 });
    expect((await loadError(pack.dir, 'shape-mismatch')).message).toMatch(/takes features \[\?, 4, 2\] but the encoder .* produces \[1, 4, 3\]: the two are not from the same model/);
  });

  it('reports an encoder and decoder from different models (found by running them)', async () => {
    const pack = await tinyPack({ encoderFormat: 'graph-model', decoderFormat: 'graph-model', encoderFeatureDepth: 3 });
    expect((await loadError(pack.dir, 'shape-mismatch')).message).toMatch(/produces features \[1, 4, 3\] but the decoder .* takes \[1, 4, 2\]/);
  });

  it('reports a maxCaptionLength longer than a fixed-length decoder can produce', async () => {
    const pack = await tinyPack({ decoderFormat: 'graph-model', editManifest: (m) => (m.maxCaptionLength = 9) });
    const error = await loadError(pack.dir, 'shape-mismatch');
    expect(error.file).toBe(pack.manifestFile);
    expect(error.message).toMatch(/exactly 8.*Set maxCaptionLength to 8 or less/);
  });

  it('asks for input names when the decoder has more inputs than tokens and features', async () => {
    const pack = await tinyPack({ decoderFormat: 'graph-model', editManifest: (m) => delete (m.decoder as Record<string, unknown>).inputs });
    expect((await loadError(pack.dir, 'invalid-manifest')).message).toMatch(/3 inputs \(tokens, features, mask\).*decoder\.inputs/);
  });

  it('reports an input name the decoder does not have, listing the ones it has', async () => {
    const pack = await tinyPack({
      decoderFormat: 'graph-model',
      editManifest: (m) => ((m.decoder as Record<string, unknown>).inputs = { tokens: 'tokens', features: 'encoder_output', mask: 'mask' }),
    });
    expect((await loadError(pack.dir, 'invalid-manifest')).message).toMatch(/decoder\.inputs\.features is "encoder_output", but .* has the inputs tokens, features, mask/);
  });

  it('reports a decoder input the manifest leaves unfed', async () => {
    const pack = await tinyPack({ decoderFormat: 'graph-model', editManifest: (m) => ((m.decoder as Record<string, unknown>).inputs = { tokens: 'tokens', features: 'features' }) });
    expect((await loadError(pack.dir, 'invalid-manifest')).message).toMatch(/also takes mask/);
  });
});
