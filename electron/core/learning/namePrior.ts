import { wordnetTagHierarchy } from '../../../db/search/tagHierarchy.generated.js';
import { objectTagNames } from '../../../native-models/tagger/vocabulary.js';

const fold = (word: string) => word.trim().toLowerCase().replace(/\s+/g, ' ');

/** The phrases a tag's name may mean: the name, every run of its words, and each with a plural 's' dropped. */
function phrasesOf(tagName: string): Set<string> {
  const words = fold(tagName).split(' ').filter((w) => w.length > 0);
  const phrases = new Set<string>();
  for (let from = 0; from < words.length; from++) {
    for (let to = from + 1; to <= words.length; to++) {
      const phrase = words.slice(from, to).join(' ');
      phrases.add(phrase);
      if (phrase.endsWith('s') && phrase.length > 3) phrases.add(phrase.slice(0, -1));
    }
  }
  return phrases;
}

/**
 * The detector classes a new tag's name covers, by the WordNet hierarchy the app searches with (`tag:vehicle`):
 * classes whose model tag has one of the name's words (or runs of words) among its WordNet ancestors, or is
 * named by it. "vehicle" or "my vehicles" → bicycle, car, motorcycle, aeroplane, train, truck, boat…; "food" →
 * banana … cake; a name WordNet places over no detector class ("pet", "sport", "nature") → none. It is what the
 * user typed, never a label: a prior for the head (learningRecipe.newTag.namePrior), which the examples outweigh.
 */
export function classesNamedBy(tagName: string): number[] {
  const phrases = phrasesOf(tagName);
  if (phrases.size === 0) return [];
  const classes: number[] = [];
  objectTagNames.forEach((name, index) => {
    const entry = wordnetTagHierarchy[fold(name)];
    if (phrases.has(fold(name)) || (entry?.ancestors.some((a) => phrases.has(a)) ?? false)) classes.push(index);
  });
  return classes;
}
