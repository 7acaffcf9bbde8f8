/** Words compared as a person would search them: lower case, without surrounding punctuation. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * Matches expected words with read ones, each read word used at most once: which expected words were found and
 * which read words are right.
 */
export function textWordsMatch(expected: readonly string[], read: readonly string[]): { expectedFound: boolean[]; readCorrect: boolean[]; correctRead: number } {
  const readCorrect = read.map(() => false);
  const normalisedRead = read.map(normaliseWord);
  const expectedFound = expected.map((word) => {
    const target = normaliseWord(word);
    const i = normalisedRead.findIndex((r, j) => !readCorrect[j] && r === target);
    if (i < 0) return false;
    readCorrect[i] = true;
    return true;
  });
  // A word read twice where it appears once is a repeat, not a wrong word.
  normalisedRead.forEach((r, j) => {
    if (!readCorrect[j] && expected.some((e) => normaliseWord(e) === r)) readCorrect[j] = true;
  });
  return { expectedFound, readCorrect, correctRead: readCorrect.filter(Boolean).length };
}
