import { describe, expect, it } from 'vitest';
import { CaptionPackError } from '../../../native-models/captioner/neural/CaptionPackError.js';
import { captionTokens, detokenize } from '../../../native-models/captioner/neural/detokenize.js';
import { parseManifest } from '../../../native-models/captioner/neural/manifest.js';
import { parseVocabulary } from '../../../native-models/captioner/neural/vocabulary.js';

const file = '/packs/coco/caption-pack.json';

/** The manifest of the Keras "image captioning with transformers" model, converted as two graph models. */
function kerasManifest(): Record<string, unknown> {
  return {
    format: 'phototag-caption-pack',
    formatVersion: 1,
    name: 'COCO transformer captioner',
    image: { width: 299, height: 299, scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
    maxCaptionLength: 24,
    specialTokens: { start: '<start>', end: '<end>', pad: '', unk: '[UNK]' },
    decoder: { predicts: 'probabilities', inputs: { tokens: 'tokens', features: 'encoded', mask: 'mask' } },
  };
}

function manifestError(edit: (m: Record<string, unknown>) => void): CaptionPackError {
  const manifest = kerasManifest();
  edit(manifest);
  try {
    parseManifest(manifest, file);
  } catch (error) {
    expect(error).toBeInstanceOf(CaptionPackError);
    return error as CaptionPackError;
  }
  throw new Error('expected the manifest to be rejected');
}

describe('caption pack manifest', () => {
  it('accepts a minimal manifest and fills in the conventional file names and resize', () => {
    const manifest = parseManifest(kerasManifest(), file);
    expect(manifest.vocabulary).toBe('vocabulary.json');
    expect(manifest.encoder.model).toBe('encoder/model.json');
    expect(manifest.decoder.model).toBe('decoder/model.json');
    expect(manifest.image.resize).toBe('stretch');
    expect(manifest.specialTokens.pad).toBe('');
  });

  it('names the field and what is wrong with it', () => {
    const error = manifestError((m) => ((m.image as Record<string, unknown>).mean = [0.5, 0.5]));
    expect(error.problem).toBe('invalid-manifest');
    expect(error.kind).toBe('corrupt');
    expect(error.file).toBe(file);
    expect(error.message).toContain('image.mean');
    expect(error.message).toContain(file);
  });

  it('rejects a misspelt key instead of silently ignoring it', () => {
    const error = manifestError((m) => {
      m.maxCaptionLenght = 30;
    });
    expect(error.message).toMatch(/maxCaptionLenght/);
  });

  it('requires the normalisation and what the decoder outputs to be stated', () => {
    expect(manifestError((m) => delete (m.image as Record<string, unknown>).std).message).toContain('image.std');
    expect(manifestError((m) => delete (m.decoder as Record<string, unknown>).predicts).message).toContain('decoder.predicts');
    expect(manifestError((m) => ((m.decoder as Record<string, unknown>).predicts = 'softmax')).message).toMatch(/decoder\.predicts.*(probabilities|logits)/);
  });

  it('tells a user with a newer pack to update Phototag', () => {
    const error = manifestError((m) => (m.formatVersion = 2));
    expect(error.message).toMatch(/version 2/);
    expect(error.message).toMatch(/Update Phototag/);
  });

  it('keeps file names inside the pack folder', () => {
    expect(manifestError((m) => (m.vocabulary = '../../../home/user/.ssh/id_rsa')).message).toMatch(/vocabulary: .*inside the pack folder/);
    expect(manifestError((m) => (m.encoder = { model: '/etc/passwd' })).message).toMatch(/encoder\.model/);
  });

  it('rejects special tokens that are the same string', () => {
    const error = manifestError((m) => (m.specialTokens = { start: '<s>', end: '<s>', pad: '', unk: '[UNK]' }));
    expect(error.message).toMatch(/specialTokens\.start and specialTokens\.end/);
  });

  it('bounds sizes and lengths', () => {
    expect(manifestError((m) => (m.maxCaptionLength = 0)).message).toContain('maxCaptionLength');
    expect(manifestError((m) => ((m.image as Record<string, unknown>).width = 299.5)).message).toContain('image.width');
    expect(manifestError((m) => ((m.image as Record<string, unknown>).std = [1, 0, 1])).message).toContain('image.std');
  });
});

describe('caption pack vocabulary', () => {
  const special = { start: '<start>', end: '<end>', pad: '', unk: '[UNK]' };
  const vocabFile = '/packs/coco/vocabulary.json';
  const keras = ['', '[UNK]', '<start>', '<end>', 'a', 'dog', 'on', 'couch'];

  const vocabularyError = (json: unknown, tokens = special) => {
    try {
      parseVocabulary(json, tokens, vocabFile);
    } catch (error) {
      expect(error).toBeInstanceOf(CaptionPackError);
      expect((error as CaptionPackError).problem).toBe('invalid-vocabulary');
      return (error as CaptionPackError).message;
    }
    throw new Error('expected the vocabulary to be rejected');
  };

  it('finds the special tokens of a Keras TextVectorization vocabulary', () => {
    expect(parseVocabulary(keras, special, vocabFile)).toMatchObject({ padId: 0, unkId: 1, startId: 2, endId: 3 });
  });

  it('says which token is missing, duplicated or not a string', () => {
    expect(vocabularyError({ 0: '' })).toMatch(/JSON array/);
    expect(vocabularyError(['', '[UNK]', '<start>', 7, '<end>'])).toMatch(/entry 3 is 7/);
    expect(vocabularyError(keras.filter((t) => t !== '<end>'))).toMatch(/end token "<end>".*specialTokens\.end/);
    expect(vocabularyError([...keras, '<end>'])).toMatch(/appears twice \(ids 3 and 8\)/);
  });
});

describe('caption text', () => {
  const vocabulary = parseVocabulary(['', '[UNK]', '<start>', '<end>', 'a', 'dog', 'on', 'couch', ',', 'sleeping', '.', "'s", 'man', 'hat'], { start: '<start>', end: '<end>', pad: '', unk: '[UNK]' }, 'v.json');

  it('drops special tokens and makes a capitalised sentence', () => {
    const words = captionTokens([2, 4, 5, 1, 6, 4, 7, 3, 0, 0], vocabulary);
    expect(words).toEqual(['a', 'dog', 'on', 'a', 'couch']);
    expect(detokenize(words)).toBe('A dog on a couch.');
  });

  it('attaches punctuation and clitics to the word before, and does not double the full stop', () => {
    expect(detokenize(['a', 'dog', ',', 'sleeping', '.'])).toBe('A dog, sleeping.');
    expect(detokenize(['a', 'man', "'s", 'hat'])).toBe("A man's hat.");
  });

  it('gives an empty caption when the model ended at once', () => {
    expect(detokenize(captionTokens([3], vocabulary))).toBe('');
  });
});
