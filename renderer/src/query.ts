/** Small edits of a query in the search language (README "Search language"), as the UI makes them. */

/** `tag:dog`, or `tag:"hot dog"` when the name needs quoting. */
export function fieldTerm(field: 'tag' | 'year' | 'camera' | 'place' | 'country' | 'estimate', value: string): string {
  return /^[\p{L}\p{N}_-]+$/u.test(value) ? `${field}:${value}` : `${field}:"${value.replace(/"/g, '')}"`;
}

/** Adds `term` to the query, or takes it out when it is already there. */
export function toggleTerm(query: string, term: string): string {
  const terms = splitTerms(query);
  const at = terms.findIndex((t) => t.toLowerCase() === term.toLowerCase());
  if (at >= 0) terms.splice(at, 1);
  else terms.push(term);
  return terms.join(' ');
}

export function hasTerm(query: string, term: string): boolean {
  return splitTerms(query).some((t) => t.toLowerCase() === term.toLowerCase());
}

/** Whitespace-separated terms, a quoted phrase (also after `field:`) kept whole. */
export function splitTerms(query: string): string[] {
  return query.match(/(?:[^\s"]+)?"[^"]*"?|[^\s"]+/g) ?? [];
}

export interface TagWord {
  /** Where the word being typed starts and ends in the query. */
  start: number;
  end: number;
  /** What to look tags up by: the word without `tag:`, `-tag:` or a leading quote. */
  prefix: string;
  /** What goes before the completed tag name: `tag:` or `-tag:` (a plain word becomes a tag term). */
  lead: string;
}

/** The word at the caret if it is one a tag could complete (`tag:do`, `-tag:ca`, or a plain word), else null. */
export function tagWordAt(query: string, caret: number): TagWord | null {
  const before = query.slice(0, caret);
  const match = /(-?tag:"?|-)?([^\s:"()]*)$/i.exec(before);
  if (!match) return null;
  const start = caret - match[0].length;
  const rest = query.slice(caret);
  const tail = /^[^\s()"]*"?/.exec(rest)?.[0].length ?? 0;
  const prefix = match[2] ?? '';
  const field = (match[1] ?? '').toLowerCase();
  if (prefix.length === 0 && !field.includes('tag:')) return null;
  // A word that is an operator or another field (camera:, year:) is not a tag to complete.
  if (/^(or|and|not)$/i.test(prefix) || (!field && /:/.test(before.slice(start)))) return null;
  const lead = field.startsWith('-') ? '-tag:' : 'tag:';
  return { start, end: caret + tail, prefix, lead };
}

/** The query with the word at `word` replaced by the complete tag term, and where the caret goes after it. */
export function completeTag(query: string, word: TagWord, name: string): { query: string; caret: number } {
  const term = word.lead + fieldTerm('tag', name).slice('tag:'.length);
  const before = query.slice(0, word.start);
  const after = query.slice(word.end).replace(/^\s*/, '');
  const next = `${before}${term} ${after}`.replace(/\s+$/, ' ');
  return { query: next, caret: before.length + term.length + 1 };
}

/**
 * The words a query looks for in the text read in photos: those of its `text:` terms (`text:wifi`,
 * `text:"hotel california"`, `text:pass*`), lower case; a negated `-text:` term looks for none.
 */
export function textTermWords(query: string): string[] {
  return splitTerms(query)
    .filter((term) => /^text:/i.test(term))
    .flatMap((term) => term.slice('text:'.length).replace(/"/g, '').toLowerCase().split(/\s+/))
    .filter(Boolean);
}
