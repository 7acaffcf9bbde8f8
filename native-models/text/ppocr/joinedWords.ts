import { isEnglishWord } from '../englishWords.js';

/**
 * The shortest piece a joined word is split into: short "words" split almost anything (with 3, "retsing" became
 * "ret", "sing": two wrong words where the whole, not an English word, is dropped below confidence 97).
 */
const minPiece = 4;
const minJoined = 2 * minPiece;

/**
 * Where a run of letters the recogniser read without spaces splits into English words ("breakfastwifi" →
 * "breakfast", "wifi"): PP-OCR's recogniser, trained mostly on Chinese, often drops the space between two English
 * words. The split with the fewest pieces, each an English word of 4+ letters, is taken; a run that is an English
 * word itself, holds anything but letters, or has no such split is left whole (returned as one piece).
 * Returns the end index of each piece in `text`.
 */
export function joinedWordCuts(text: string): number[] {
  const lower = text.toLowerCase();
  if (lower.length < minJoined || !/^\p{L}+$/u.test(lower) || isEnglishWord(lower)) return [text.length];
  // fewest[i]: the fewest pieces covering text[0, i), with the cuts that give them.
  const fewest: Array<number[] | undefined> = [[]];
  for (let end = minPiece; end <= lower.length; end++) {
    for (let start = 0; start <= end - minPiece; start++) {
      const before = fewest[start];
      if (!before || (fewest[end] && (fewest[end] as number[]).length <= before.length + 1)) continue;
      if (isEnglishWord(lower.slice(start, end))) fewest[end] = [...before, end];
    }
  }
  return fewest[lower.length] ?? [text.length];
}
