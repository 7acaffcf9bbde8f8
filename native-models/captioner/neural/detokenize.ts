import { capitalise } from '../language.js';
import type { Vocabulary } from './vocabulary.js';

/** Tokens written against the previous word (a Keras vocabulary strips punctuation, but others keep it). */
const attachesLeft = /^(?:[.,!?;:%)\]}]|'s|'re|n't|'ll|'ve|'d|'m)$/;
const attachesRight = /^[([{]$/;

/** The caption's words: token strings without <start>, <end>, <pad> or <unk>, none of which a reader should see. */
export function captionTokens(tokenIds: readonly number[], vocabulary: Vocabulary): string[] {
  const special = new Set([vocabulary.startId, vocabulary.endId, vocabulary.padId, vocabulary.unkId]);
  return tokenIds.filter((id) => !special.has(id)).map((id) => vocabulary.tokens[id] ?? '').filter((t) => t.trim() !== '');
}

/** One sentence from the words: spaced, punctuation attached, first letter capitalised, closed with a full stop. */
export function detokenize(words: readonly string[]): string {
  let text = '';
  let glueNext = false;
  for (const word of words) {
    text += text === '' || glueNext || attachesLeft.test(word) ? word : ` ${word}`;
    glueNext = attachesRight.test(word);
  }
  text = text.trim();
  if (text === '') return '';
  return capitalise(/[.!?]$/.test(text) ? text : `${text}.`);
}
