import { englishLemmaList } from './englishWords.generated.js';

/**
 * Whether WordNet lists `word` as a one-word lemma (nouns, verbs, adjectives, adverbs; ~83,000, names of places and
 * days among them): a binary search in the generated list (scripts/build-english-words.ts), a string of sorted
 * lemmas between newlines, so nothing is read or parsed at the first lookup and no set is built.
 */
export function isWordNetLemma(word: string): boolean {
  if (word.length === 0 || word.includes('\n')) return false;
  const list = englishLemmaList;
  // The lines still in question lie between lo and hi: list[lo - 1] and list[hi] are newlines.
  let lo = 1;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // The line that holds mid, or the one after it when mid is a newline (never past hi: no line is empty).
    const start = list.lastIndexOf('\n', mid) + 1;
    const end = list.indexOf('\n', start);
    const line = list.slice(start, end);
    if (line === word) return true;
    if (line < word) lo = end + 1;
    else hi = start - 1;
  }
  return false;
}

/** Inflections turned back to a lemma WordNet lists: plurals, past forms, -ing, comparatives, possessives. */
const endings: readonly [string, string][] = [
  ["'s", ''],
  ['s', ''],
  ['es', ''],
  ['ies', 'y'],
  ['ed', ''],
  ['ed', 'e'],
  ['ied', 'y'],
  ['ing', ''],
  ['ing', 'e'],
  ['er', ''],
  ['er', 'e'],
  ['ers', ''],
  ['est', ''],
  ['ly', ''],
];

/**
 * Whether a word read is an English word (or a number, or holds a digit: a code, a price): what a confident read
 * of a fragment or of texture usually is not ("enue", "statiem"). Case and outer punctuation are ignored; a word
 * joined by a hyphen or an apostrophe is one when each part is.
 */
export function isEnglishWord(text: string): boolean {
  const word = text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (word.length === 0) return false;
  if (/\p{N}/u.test(word)) return true;
  const parts = word.split(/[-'’]/).filter((p) => p.length > 0);
  if (parts.length > 1 && !word.endsWith("'s")) return parts.every((p) => isEnglishWord(p));
  if (isWordNetLemma(word)) return true;
  for (const [ending, lemma] of endings) {
    if (word.length > ending.length + 1 && word.endsWith(ending)) {
      const stem = word.slice(0, -ending.length);
      if (isWordNetLemma(stem + lemma)) return true;
      // A doubled last consonant: "stopped", "running".
      if ((ending === 'ed' || ending === 'ing' || ending === 'er') && stem.length > 2 && stem.at(-1) === stem.at(-2) && isWordNetLemma(stem.slice(0, -1))) return true;
    }
  }
  return false;
}
