import fs from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendSelection } from '../../backends/BackendCandidate.js';
import { selectBackend } from '../../backends/selectBackend.js';
import type { RawRgbImage } from '../../tagger/types.js';
import { beamSearch, checkBeamOptions } from './beamSearch.js';
import { CaptionPackError } from './CaptionPackError.js';
import type { DecodeLimits, Hypothesis } from './decodingTypes.js';
import { bindDecoder, nextTokenLogProbs } from './decoder.js';
import type { DecoderBinding } from './decoder.js';
import { captionTokens, detokenize } from './detokenize.js';
import { bindEncoder, encode } from './encoder.js';
import type { EncoderBinding } from './encoder.js';
import { greedyDecode } from './greedyDecode.js';
import { manifestFileName, readManifest } from './manifest.js';
import type { CaptionPackManifest } from './manifest.js';
import { inspectModelFiles } from './modelFiles.js';
import { loadPackModel } from './packModel.js';
import type { PackModel } from './packModel.js';
import { packVersion } from './packVersion.js';
import { preprocessImage } from './preprocess.js';
import { smokeTest } from './smokeTest.js';
import { readVocabulary } from './vocabulary.js';
import type { Vocabulary } from './vocabulary.js';

export interface LoadCaptionPackOptions {
  /** Start the backend chain here (e.g. 'wasm'), as the tagger does; later candidates stay as fallbacks. */
  backend?: BackendName;
}

/** How to pick the words: the single likeliest token each step, or a beam search over whole captions. */
export type CaptionOptions = { strategy: 'greedy' } | { strategy: 'beam'; beamWidth: number; lengthPenalty?: number };

export interface NeuralCaption {
  /** A readable sentence: capitalised, full stop, no special tokens. Empty if the model ended at once. */
  text: string;
  /** The words of `text` as the vocabulary spells them. */
  tokens: string[];
  /** Natural-log probability of the generated tokens (<end> included) under the decoder. */
  logProb: number;
  /** False when the caption was cut off at the pack's maxCaptionLength instead of ending with <end>. */
  complete: boolean;
}

export interface CaptionPack {
  readonly name: string;
  readonly directory: string;
  readonly manifest: CaptionPackManifest;
  readonly backend: BackendSelection;
  /** Changes whenever any file of the pack does; store it with captions. */
  readonly version: string;
  /** Captions each image (in order). Images are encoded and decoded one after another to bound memory. */
  caption(images: readonly RawRgbImage[], options?: CaptionOptions): Promise<NeuralCaption[]>;
  dispose(): void;
}

function checkDirectory(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    throw new CaptionPackError('missing-directory', dir, `There is no caption pack at ${dir}: the folder does not exist. Install a pack by copying its folder (the one holding ${manifestFileName}) there, or point Phototag at where it is.`, { cause: error });
  }
  if (!stat.isDirectory()) throw new CaptionPackError('missing-directory', dir, `${dir} is a file, not a caption pack folder. Point Phototag at the folder that holds ${manifestFileName}.`);
}

async function decodeOne(features: tf.Tensor3D, decoder: DecoderBinding, limits: DecodeLimits, options: CaptionOptions): Promise<Hypothesis> {
  const next = nextTokenLogProbs(decoder, features);
  if (options.strategy === 'greedy') return greedyDecode(next, limits);
  const [best] = await beamSearch(next, { ...limits, beamWidth: options.beamWidth, lengthPenalty: options.lengthPenalty ?? 0 });
  if (!best) throw new Error('beam search found no caption');
  return best;
}

function createCaptionPack(dir: string, manifest: CaptionPackManifest, vocabulary: Vocabulary, encoder: EncoderBinding, decoder: DecoderBinding, backend: BackendSelection, version: string): CaptionPack {
  let disposed = false;
  const limits: DecodeLimits = { startId: vocabulary.startId, endId: vocabulary.endId, maxLength: manifest.maxCaptionLength };
  return {
    name: manifest.name,
    directory: dir,
    manifest,
    backend,
    version,
    caption: async (images, options = { strategy: 'greedy' }) => {
      if (disposed) throw new Error(`the caption pack ${manifest.name} has been disposed`);
      if (options.strategy === 'beam') checkBeamOptions(options);
      const captions: NeuralCaption[] = [];
      for (const image of images) {
        const input = preprocessImage(image, manifest.image);
        let features: tf.Tensor3D;
        try {
          features = encode(encoder, input);
        } finally {
          input.dispose();
        }
        try {
          const best = await decodeOne(features, decoder, limits, options);
          const tokens = captionTokens(best.tokenIds, vocabulary);
          captions.push({ text: detokenize(tokens), tokens, logProb: best.logProb, complete: best.complete });
        } finally {
          features.dispose();
        }
      }
      return captions;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      encoder.model.dispose();
      decoder.model.dispose();
    },
  };
}

/**
 * Loads a neural captioning pack (CNN encoder + causal transformer decoder + vocabulary) from a folder the user
 * installed. Everything that can be checked is checked here, and both models run once on a blank image, so a
 * broken pack fails now with a CaptionPackError saying what is wrong and what to do, never mid-indexing.
 */
export async function loadCaptionPack(directory: string, options: LoadCaptionPackOptions = {}): Promise<CaptionPack> {
  const dir = path.resolve(directory);
  checkDirectory(dir);
  const manifest = readManifest(dir);
  const manifestFile = path.join(dir, manifestFileName);
  const vocabularyFile = path.join(dir, manifest.vocabulary);
  const vocabulary = readVocabulary(vocabularyFile, manifest.specialTokens);
  const encoderFiles = inspectModelFiles('encoder', path.join(dir, manifest.encoder.model), dir);
  const decoderFiles = inspectModelFiles('decoder', path.join(dir, manifest.decoder.model), dir);

  const backend = await selectBackend(options.backend ? { startAt: options.backend } : {});
  const loaded: PackModel[] = [];
  try {
    const encoderModel = await loadPackModel(encoderFiles);
    loaded.push(encoderModel);
    const decoderModel = await loadPackModel(decoderFiles);
    loaded.push(decoderModel);
    const encoder = bindEncoder(encoderModel, manifest, manifestFile);
    const decoder = smokeTest(encoder, bindDecoder(decoderModel, manifest, vocabulary, vocabularyFile, encoder, manifestFile), manifest.image, vocabulary.startId);
    const files = [manifestFile, vocabularyFile, encoderFiles.modelJson, ...encoderFiles.weightFiles, decoderFiles.modelJson, ...decoderFiles.weightFiles];
    return createCaptionPack(dir, manifest, vocabulary, encoder, decoder, backend, packVersion(manifest.name, dir, files));
  } catch (error) {
    for (const model of loaded) model.dispose();
    throw error;
  }
}
