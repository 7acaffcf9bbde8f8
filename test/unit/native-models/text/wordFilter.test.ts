import { describe, expect, it } from 'vitest';
import { cleanedReadFilter, cleanWord, keepWord, type RecognisedWord } from '../../../../native-models/text/wordFilter.js';

const word = (text: string, confidence: number): RecognisedWord => ({ text, confidence, x: 0, y: 0, width: 10, height: 10 });

describe('word filter', () => {
  it('keeps confident words, with their inner punctuation and without the outer', () => {
    expect(keepWord(word('California', 91))).toBe(true);
    expect(keepWord(word("he's", 88))).toBe(true);
    expect(cleanWord('"STOP."')).toBe('STOP');
    expect(cleanWord('0.58')).toBe('0.58');
  });

  it('drops what tesseract reads in textures: low confidence, fragments, punctuation, repeated letters', () => {
    expect(keepWord(word('jo)', 21))).toBe(false);
    expect(keepWord(word('password', 79))).toBe(false);
    expect(keepWord(word('A', 95))).toBe(false);
    expect(keepWord(word('—', 96))).toBe(false);
    expect(keepWord(word('y=:', 90))).toBe(false);
    expect(keepWord(word('llll', 92))).toBe(false);
  });

  it('keeps a lone number (a house number, a price)', () => {
    expect(keepWord(word('7', 93))).toBe(true);
  });

  it('keeps words of other scripts when confident', () => {
    expect(keepWord(word('Привет', 90))).toBe(true);
  });

  it("a cleaned band's words need 3 letters or digits, a number too, and to be English words (one rule)", () => {
    const cleaned = cleanedReadFilter();
    expect(keepWord(word('exit', 90), cleaned)).toBe(true);
    expect(keepWord(word('0.58', 90), cleaned)).toBe(true);
    expect(keepWord(word('2008', 92), cleaned)).toBe(true);
    expect(keepWord(word('CR', 96), cleaned)).toBe(false);
    expect(keepWord(word('80', 95), cleaned)).toBe(false);
    expect(keepWord(word('7', 95), cleaned)).toBe(false);
    expect(keepWord(word('statiem', 96), cleaned)).toBe(false);
    expect(keepWord(word('statiem', 96))).toBe(true);
    expect(keepWord(word('statiem', 88))).toBe(false);
    expect(keepWord(word('station', 88))).toBe(true);
    // The read as it is keeps a lone number and two letters.
    expect(keepWord(word('80', 95))).toBe(true);
    expect(keepWord(word('CR', 96))).toBe(true);
    // A stricter filter given to the reader stays stricter.
    expect(cleanedReadFilter({ minConfidence: 90, minLength: 4 })).toMatchObject({ minConfidence: 90, minLength: 4, shortNumbers: false, englishBelow: Infinity });
  });
});
