import { describe, expect, it } from 'vitest';
import { isEnglishWord } from '../../../../native-models/text/englishWords.js';

describe('English words (WordNet lemmas, inflected)', () => {
  it('knows words, their inflections and case', () => {
    for (const word of ['station', 'Tuesday', 'STOP', 'closed', 'friends', 'stopped', 'running', 'sidewalks', "he's", 'harbour']) expect(isEnglishWord(word), word).toBe(true);
  });

  it('takes anything holding a digit (a price, a code)', () => {
    expect(isEnglishWord('0.58')).toBe(true);
    expect(isEnglishWord('E-820')).toBe(true);
  });

  it('refuses fragments and near misses read from a band', () => {
    for (const word of ['enue', 'ntain', 'statiem', 'palac', 'mareh', 'ket', '']) expect(isEnglishWord(word), word).toBe(false);
  });
});
