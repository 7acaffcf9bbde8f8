import { isEnglishWord } from './englishWords.js';

/** A word as tesseract read it, in the pixels of the image it was given. */
export interface RecognisedWord {
  text: string;
  /** 0–100, tesseract's own confidence for the word. */
  confidence: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WordFilterParams {
  /** Words read with less confidence than this are dropped (tesseract gives garbage 20–70 on textures, some up to 84). */
  minConfidence: number;
  /** Words shorter than this many letters or digits are dropped, unless they are digits alone and `shortNumbers` holds. */
  minLength: number;
  /** A number alone ("7": a house number, a price) is kept however short it is. Default true. */
  shortNumbers?: boolean;
  /**
   * Words read with less confidence than this are kept only when they are English words (WordNet's, inflected) or
   * hold a digit (isEnglishWord). Default 0 (none checked); Infinity checks all.
   */
  englishBelow?: number;
  /**
   * The reader also reads languages besides English: a word with a letter beyond English's (ä, ß, é, ñ…) passes
   * where only an English word would. Default false.
   */
  otherLetters?: boolean;
}

// 85 chosen on the text set's dev part (reader version 3): it keeps every right word 80 kept there and drops 6 wrong ones.
// englishBelow 90 (version 4, dev): drops "elivery" (87) and "AJ" (89), no right word; 93 also dropped "netwo" (91)
// and "ope" (96 at a cleaned read) but is nearer to the confidence of right words that are names. The text set's words
// are all English: what it costs on names and brands read below 90 is not measured.
export const defaultWordFilter: WordFilterParams = { minConfidence: 85, minLength: 2, englishBelow: 90 };

/**
 * The filter for the words of a band read again cleaned (thresholded, border ink removed): its fragments (a word
 * cut at the band's end, a lone digit from a speck) come back confident, so each word needs at least 3 letters or
 * digits, a number too, and to be an English word (or hold a digit) however confident.
 */
export function cleanedReadFilter(params: WordFilterParams = defaultWordFilter): WordFilterParams {
  return { ...params, minLength: Math.max(params.minLength, 3), shortNumbers: false, englishBelow: Infinity };
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * The word as stored and searched: trimmed of punctuation at either end ("STOP." → "STOP"), inner punctuation
 * kept ("he's", "0.58", "wi-fi").
 */
export function cleanWord(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * Whether a recognised word is worth keeping: confident, long enough, and mostly letters or digits. Garbage read
 * from foliage or gravel comes as short fragments of mixed punctuation, low confidence, or both.
 */
export function keepWord(word: RecognisedWord, params: WordFilterParams = defaultWordFilter): boolean {
  if (word.confidence < params.minConfidence) return false;
  const text = cleanWord(word.text);
  if (text.length === 0) return false;
  const chars = [...text];
  const alnum = chars.filter((c) => letterOrDigit.test(c)).length;
  if (alnum / chars.length < 0.75) return false;
  if (alnum < params.minLength && !((params.shortNumbers ?? true) && /^\p{N}+$/u.test(text))) return false;
  // A run of one repeated letter ("llll", "iii") is a fence or a barcode, not a word.
  if (chars.length >= 3 && new Set(chars.map((c) => c.toLowerCase())).size === 1) return false;
  if (word.confidence < (params.englishBelow ?? 0) && !isLexiconWord(text, params)) return false;
  return true;
}

const beyondEnglish = /[^\p{ASCII}]/u;

/** An English word (or one holding a digit), or, for a reader of other languages too, a word with their letters. */
export function isLexiconWord(text: string, params: Pick<WordFilterParams, 'otherLetters'>): boolean {
  if (isEnglishWord(text)) return true;
  return params.otherLetters === true && [...cleanWord(text)].some((c) => letterOrDigit.test(c) && beyondEnglish.test(c));
}
