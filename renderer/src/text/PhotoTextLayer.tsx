import type { RefObject } from 'react';
import type { PhotoTextView } from '../../../electron/contract/views.js';
import { textTermWords } from '../query.js';
import { useImageBox } from '../viewer/useImageBox.js';
import { matchesSearchedWord } from './searchedWords.js';
import './text.css';

/**
 * The words the current search's `text:` terms found, framed where they are on the picture (their boxes are in
 * shares of the upright photo, as stored), zoomed and panned with it. Nothing without such a term: a frame round
 * every word read would hide the photo. The side panel lists the words for screen readers; these frames are only
 * where to look.
 */
export function PhotoTextLayer({ text, query, image }: { text: PhotoTextView | null | undefined; query: string | null; image: RefObject<HTMLImageElement | null> }) {
  const box = useImageBox(image, text);
  const searched = textTermWords(query ?? '');
  const found = searched.length === 0 ? [] : (text?.words ?? []).filter((word) => matchesSearchedWord(word.text, searched));
  if (found.length === 0 || !box) return null;
  return (
    <div className="text-layer" aria-hidden="true" style={{ left: box.left, top: box.top, width: box.width, height: box.height }}>
      {found.map((word, i) => (
        <div
          key={i}
          className="text-word-box"
          data-word={word.text}
          style={{ left: `${word.box.x * 100}%`, top: `${word.box.y * 100}%`, width: `${word.box.width * 100}%`, height: `${word.box.height * 100}%` }}
        />
      ))}
    </div>
  );
}
