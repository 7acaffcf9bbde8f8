import { QueryError } from './QueryError.js';
import {
  ALL_TOKEN,
  albumToken,
  FAVORITE_TOKEN,
  RATED_TOKEN,
  ratingToken,
  countryToken,
  dateTokens,
  estimatedCountryToken,
  estimatedPlaceToken,
  facetMatch,
  flagFacetToken,
  foldText,
  formatToken,
  maxFaceCountToken,
  personToken,
  periodToken,
  placeToken,
  stateToken,
  tagToken,
  valueToken,
  type ValueKind,
} from './facetTokens.js';
import type { QueryNode } from './queryAst.js';
import { parseQuery } from './parseQuery.js';

/** What the compiler needs to know about the library: names resolved to what the index holds. */
export interface SearchLookups {
  /** Ids of the tags a name means: the tag of that name and the tag it is a synonym of (any case). */
  tagIds(name: string): readonly number[];
  /** Ids of the people with this name (any case). */
  personIds(name: string): readonly number[];
  /** Every camera, make and model (kind 'camera') or lens some photo has had, with its id. */
  values(kind: ValueKind): readonly { id: number; value: string }[];
  /** Every town and region some photo is in. */
  placeNames(): readonly string[];
  /** Every country some photo is in: ISO code and English name. */
  countries(): readonly { code: string; name: string }[];
  /** Every town and region some photo's estimated place names (photo_place_estimates), apart from the GPS ones. */
  estimatedPlaceNames(): readonly string[];
  /** Every country some photo's estimated place is in. */
  estimatedCountries(): readonly { code: string; name: string }[];
  /** The first and last year any photo was taken, to bound open date ranges; null when no photo has a date. */
  yearRange(): { first: number; last: number } | null;
  /** The album of this name (any case): its id, and its saved query when it is a smart album; undefined when none. */
  album(name: string): AlbumLookup | undefined;
}

export interface AlbumLookup {
  id: number;
  name: string;
  /** null for a hand-picked album. */
  query: string | null;
}

export interface CompiledQuery {
  /** An FTS5 query over photo_search; every user word inside it is quoted, so it cannot change its structure. */
  match: string;
  /** The query has a word or phrase a photo must contain, so relevance (bm25) can order the results. */
  ranked: boolean;
  /** Every match was taken in [from, to) ('YYYY-MM-DD', either end open): date-ordered paging starts there. */
  takenBetween: { from: string | null; to: string | null } | null;
  /** The query is nothing but that date range, which the taken_at index answers without the FTS index. */
  onlyDates: boolean;
  /**
   * The query names is:hidden (or -is:hidden): hidden copies are left to it. Otherwise the caller leaves them
   * out (withoutHidden), as every other result and count does.
   */
  showsHidden: boolean;
}

type DateNode = Extract<QueryNode, { type: 'date' }>;

/** The text columns words and phrases search; `facets` holds only the structured tokens. */
const TEXT_COLUMNS = '{tags caption file_name folder camera place text}';

interface Part {
  expr: string;
  /** The node's photos are every indexed photo except those `expr` matches. */
  negated: boolean;
}

/**
 * Compiles a parsed query into one FTS5 MATCH expression over photo_search. FTS5's NOT is binary (`a NOT b`), so
 * negations are carried up as complements and subtracted at the nearest AND, or from `xall` at the top.
 */
export function compileQuery(root: QueryNode, lookups: SearchLookups): CompiledQuery {
  let ranked = false;
  /** The smart albums being expanded, outermost first: one met again is a cycle. */
  const expanding: AlbumLookup[] = [];
  let outerSpan: { position: number; length: number } | null = null;
  const visit = (node: QueryNode, negations: number): Part => {
    switch (node.type) {
      case 'and':
      case 'or': {
        const children = node.type === 'and' ? mergeDates(node.children) : node.children;
        const parts = children.map((child) => visit(child, negations));
        return node.type === 'and' ? conjunction(parts) : disjunction(parts);
      }
      case 'not': {
        const part = visit(node.child, negations + 1);
        return { expr: part.expr, negated: !part.negated };
      }
      case 'text': {
        if (negations % 2 === 0) ranked = true;
        const phrase = `${quote(node.text)}${node.prefix ? '*' : ''}`;
        // The column filter costs a third more on common words; it is only needed where facets could match.
        return { expr: mayMatchFacets(node.text) ? `${TEXT_COLUMNS} : ${phrase}` : phrase, negated: false };
      }
      case 'faces':
        // No faces is every photo without a first face: photos carry no token for having none.
        if (node.count === 0 && !node.atLeast) return { expr: facetMatch(['xfge1']), negated: true };
        return { expr: facetMatch(leafTokens(node, lookups)), negated: false };
      case 'rating':
        // Unrated photos carry no rating token: rating:0 is every photo not rated.
        if (node.stars === 0) return node.atLeast ? { expr: facetMatch([ALL_TOKEN]), negated: false } : { expr: facetMatch([RATED_TOKEN]), negated: true };
        return { expr: facetMatch(leafTokens(node, lookups)), negated: false };
      case 'album': {
        const album = lookups.album(node.name);
        if (!album || album.query === null) return { expr: facetMatch(album ? [albumToken(album.id)] : []), negated: false };
        // A smart album is its query, expanded here, so it is always current.
        // Inside a smart album's query, spans are that query's: an error points at the album the user typed.
        const span = outerSpan ?? node.span;
        if (expanding.some((a) => a.id === album.id)) {
          const path = [...expanding.slice(expanding.findIndex((a) => a.id === album.id)), album].map((a) => `"${a.name}"`).join(' → ');
          throw new QueryError(
            `Album "${album.name}" refers to itself (${path}) at column ${span.position + 1}: change the query of one of these smart albums`,
            span.position,
            span.length,
          );
        }
        const inner = albumQueryRoot(album, span);
        if (!inner) return { expr: facetMatch([ALL_TOKEN]), negated: false };
        expanding.push(album);
        outerSpan = span;
        const part = visit(inner, negations);
        expanding.pop();
        if (expanding.length === 0) outerSpan = null;
        return part;
      }
      case 'photoText':
        if (negations % 2 === 0) ranked = true;
        return { expr: `text : ${quote(node.value)}`, negated: false };
      case 'folder':
        // Word starts in the folder column (library folder name and subfolders): one posting list, where matching
        // directory names by substring would OR together every directory that matched, hundreds of them.
        return { expr: `folder : ${quote(node.value)}*`, negated: false };
      default:
        return { expr: facetMatch(leafTokens(node, lookups)), negated: false };
    }
  };
  const top = visit(root, 0);
  const match = top.negated ? `(${facetMatch([ALL_TOKEN])}) NOT (${top.expr})` : top.expr;
  const terms = root.type === 'and' ? mergeDates(root.children) : [root];
  const date = terms.find(isDate);
  const takenBetween = date ? { from: date.from, to: date.to } : null;
  return { match, ranked, takenBetween, onlyDates: terms.length === 1 && date !== undefined, showsHidden: mentionsHidden(root) };
}

const isDate = (node: QueryNode): node is DateNode => node.type === 'date';

/** A smart album's saved query, parsed; a query that no longer parses is reported where the album was named. */
function albumQueryRoot(album: AlbumLookup, span: { position: number; length: number }): QueryNode | null {
  try {
    return parseQuery(album.query ?? '', { prefixLastWord: false }).root;
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    throw new QueryError(`The query of album "${album.name}" does not work (${error.message}) at column ${span.position + 1}: edit the album`, span.position, span.length);
  }
}

function mentionsHidden(node: QueryNode): boolean {
  if (node.type === 'is') return node.state === 'hidden';
  if (node.type === 'not') return mentionsHidden(node.child);
  if (node.type === 'and' || node.type === 'or') return node.children.some(mentionsHidden);
  return false;
}

/** after:2019-06-15 before:2020-02 is one range, a few dozen tokens; apart they would be a hundred, ANDed. */
function mergeDates(children: QueryNode[]): QueryNode[] {
  const dates = children.filter(isDate);
  if (dates.length < 2) return children;
  const latest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  const merged: DateNode = {
    type: 'date',
    from: dates.map((d) => d.from).reduce(latest),
    to: dates.map((d) => d.to).reduce(earliest),
    span: (dates[0] as DateNode).span,
  };
  return [merged, ...children.filter((c) => !isDate(c))];
}

/**
 * What a facet token looks like, or starts like: x-flags, t/c/l<digits>, y/ym/ymd<digits>, f<hex>. Broader than
 * the tokens themselves (any word starting with x), which only costs a column filter where none was needed.
 */
const facetLike = /^(x[a-z]*\d*|[tcl]\d*|y(md?)?\d*|[fp][0-9a-f]*)$/;

/** Could the tokenizer turn this word into something the facets column holds (or, for a prefix, starts)? */
function mayMatchFacets(text: string): boolean {
  return fold(text).split(/[^\p{L}\p{N}]+/u).some((word) => word !== '' && facetLike.test(word));
}

function conjunction(parts: Part[]): Part {
  const positive = parts.filter((p) => !p.negated).map((p) => p.expr);
  const negative = parts.filter((p) => p.negated).map((p) => p.expr);
  if (positive.length === 0) return { expr: join(negative, 'OR'), negated: true };
  const both = join(positive, 'AND');
  return { expr: negative.length ? `(${both}) NOT (${join(negative, 'OR')})` : both, negated: false };
}

/** a OR NOT b is everything except (b NOT a): a union with a complement is a complement. */
function disjunction(parts: Part[]): Part {
  const positive = parts.filter((p) => !p.negated).map((p) => p.expr);
  const negative = parts.filter((p) => p.negated).map((p) => p.expr);
  if (negative.length === 0) return { expr: join(positive, 'OR'), negated: false };
  const excluded = join(negative, 'AND');
  return { expr: positive.length ? `(${excluded}) NOT (${join(positive, 'OR')})` : excluded, negated: true };
}

const join = (exprs: string[], op: 'AND' | 'OR') => (exprs.length === 1 ? (exprs[0] as string) : exprs.map((e) => `(${e})`).join(` ${op} `));

/** An FTS5 string literal: inside double quotes only a double quote is special, and it is doubled. */
const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

function leafTokens(node: QueryNode, lookups: SearchLookups): string[] {
  switch (node.type) {
    case 'tag':
      return lookups.tagIds(node.name).map(tagToken);
    case 'camera':
    case 'lens': {
      const kind: ValueKind = node.type;
      const needle = fold(node.value);
      return lookups.values(kind).filter((v) => fold(v.value).includes(needle)).map((v) => valueToken(kind, v.id));
    }
    case 'place': {
      const words = wordsStarting(node.value);
      return lookups.placeNames().filter((name) => words.test(foldText(name))).map(placeToken);
    }
    case 'country': {
      const needle = foldText(node.value).trim();
      const words = wordsStarting(node.value);
      return lookups.countries().filter((c) => c.code.toLowerCase() === needle || words.test(foldText(c.name))).map((c) => countryToken(c.code));
    }
    case 'estimate': {
      // A town, a region or a country: one field, since estimates are few and asked for on purpose.
      const needle = foldText(node.value).trim();
      const words = wordsStarting(node.value);
      return [
        ...lookups.estimatedPlaceNames().filter((name) => words.test(foldText(name))).map(estimatedPlaceToken),
        ...lookups.estimatedCountries().filter((c) => c.code.toLowerCase() === needle || words.test(foldText(c.name))).map((c) => estimatedCountryToken(c.code)),
      ];
    }
    case 'date':
      return dateTokens(node.from, node.to, lookups.yearRange());
    case 'month': {
      // One month token per year the library spans: a few dozen, where a scan of taken_at would read every photo.
      const years = lookups.yearRange();
      if (!years) return [];
      const mm = String(node.month).padStart(2, '0');
      return Array.from({ length: years.last - years.first + 1 }, (_, i) => periodToken(`${String(years.first + i).padStart(4, '0')}-${mm}`));
    }
    case 'format':
      return [formatToken(node.format)];
    case 'has':
      return [flagFacetToken(node.facet)];
    case 'is':
      return [stateToken(node.state)];
    case 'favorite':
      return [FAVORITE_TOKEN];
    case 'rating':
      return node.atLeast ? Array.from({ length: 6 - node.stars }, (_, i) => ratingToken(node.stars + i)) : [ratingToken(node.stars)];
    case 'person':
      return lookups.personIds(node.name).map(personToken);
    case 'faces':
      if (!node.atLeast) return [`xfeq${node.count}`];
      return node.count === 0 ? [ALL_TOKEN] : [`xfge${Math.min(node.count, maxFaceCountToken)}`];
    default:
      throw new Error(`compileQuery: ${node.type} is not a leaf`);
  }
}

const fold = foldText;

/**
 * Whole-word starts: place:san finds "San Marino" and "Santa Cruz" but place:rome never finds "Jerome", and
 * country:united finds "United Kingdom" but country:land never finds "Finland".
 */
function wordsStarting(value: string): RegExp {
  const needle = fold(value).trim().replace(/\s+/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${needle}`, 'u');
}
