/** Small English helpers for captions: numbers, articles, plurals. */

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const irregularPlurals: Record<string, string> = {
  person: 'people',
  man: 'men',
  woman: 'women',
  child: 'children',
  mouse: 'mice',
  sheep: 'sheep',
  skis: 'skis',
  scissors: 'scissors',
  knife: 'knives',
  'wine glass': 'wine glasses',
  bus: 'buses',
  glass: 'glasses',
  couch: 'couches',
  sandwich: 'sandwiches',
  bench: 'benches',
  'hot dog': 'hot dogs',
  'teddy bear': 'teddy bears',
};

/** Nouns that read as a mass or a pair and take no article/count ("skis", "broccoli"). */
const massNouns = new Set(['broccoli', 'skis', 'scissors']);

export function plural(noun: string): string {
  if (irregularPlurals[noun]) return irregularPlurals[noun] as string;
  const words = noun.split(' ');
  const last = words.pop() as string;
  const lastPlural = irregularPlurals[last] ?? (/(s|x|z|ch|sh)$/.test(last) ? `${last}es` : /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`);
  return [...words, lastPlural].join(' ');
}

export function article(noun: string): string {
  return /^[aeiou]/i.test(noun) && !/^(uni|use|one)/i.test(noun) ? 'an' : 'a';
}

/** "a dog", "two dogs", "several people", "a group of people", "broccoli". */
export function countedNoun(noun: string, count: number): string {
  if (massNouns.has(noun)) return noun;
  if (count <= 1) return `${article(noun)} ${noun}`;
  if (noun === 'person' && count >= 5) return 'a group of people';
  if (count <= 4) return `${numberWords[count]} ${plural(noun)}`;
  return `many ${plural(noun)}`;
}

/** "a, b and c" */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
