/** A word as search compares it: lower case, without accents (the index's `remove_diacritics`), without punctuation around it. */
const folded = (word: string): string =>
  word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** Whether a word read matches a searched word (`pass*` matches every word starting with "pass"). */
export function matchesSearchedWord(word: string, searched: readonly string[]): boolean {
  const w = folded(word);
  return searched.some((s) => (s.endsWith('*') ? w.startsWith(folded(s.slice(0, -1))) : w === folded(s)));
}
