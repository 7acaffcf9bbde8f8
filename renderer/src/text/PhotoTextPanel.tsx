import type { PhotoTextView } from '../../../electron/contract/views.js';
import { textTermWords } from '../query.js';
import { matchesSearchedWord } from './searchedWords.js';

/**
 * "Text in this photo": the words read in the photo, in reading order, those the current search's `text:` terms
 * look for highlighted. Nothing until the photo has been read, nor when no words were found in it.
 */
export function PhotoTextPanel({ text, query }: { text: PhotoTextView | null | undefined; query: string | null }) {
  if (!text || text.words.length === 0) return null;
  const searched = textTermWords(query ?? '');
  return (
    <section className="photo-text" aria-labelledby="photo-text">
      <h2 id="photo-text">Text in this photo</h2>
      <p className="photo-text-words" lang="en">
        {text.words.map((word, i) => (
          <span key={i}>
            {i > 0 && ' '}
            {matchesSearchedWord(word.text, searched) ? <mark>{word.text}</mark> : word.text}
          </span>
        ))}
      </p>
    </section>
  );
}
