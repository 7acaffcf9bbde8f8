import { QueryError } from './QueryError.js';
import type { FlagFacetName, PhotoFormatName, QueryNode, Span, StateFacetName } from './queryAst.js';

/** The `field:` names the language knows, in the order the error message lists them. */
export const fieldNames = ['tag', 'camera', 'lens', 'place', 'country', 'estimate', 'date', 'day', 'month', 'year', 'after', 'before', 'folder', 'format', 'has', 'is', 'person', 'faces', 'within', 'rating', 'album', 'text'] as const;
export type FieldName = (typeof fieldNames)[number];

/** Words people reach for that are not fields, and the field they mean. */
const likelyMeant: Readonly<Record<string, FieldName>> = {
  tags: 'tag', label: 'tag', ext: 'format', extension: 'format', type: 'format', dir: 'folder', directory: 'folder',
  path: 'folder', albums: 'album', collection: 'album', city: 'place', town: 'place', region: 'place', location: 'place', where: 'place', make: 'camera', model: 'camera', taken: 'date', when: 'date', on: 'day', months: 'month', since: 'after',
  until: 'before', from: 'after', to: 'before', people: 'person', who: 'person', name: 'person', face: 'faces', bbox: 'within', estimated: 'estimate', guess: 'estimate', guessed: 'estimate', estimates: 'estimate', near: 'within', inside: 'within', area: 'within', ocr: 'text', says: 'text', written: 'text',
  stars: 'rating', star: 'rating', rated: 'rating', favorite: 'is', favourite: 'is', fav: 'is',
};

const formats: Readonly<Record<string, PhotoFormatName>> = {
  jpeg: 'jpeg', jpg: 'jpeg', jpe: 'jpeg', png: 'png', webp: 'webp', avif: 'avif', tiff: 'tiff', tif: 'tiff', gif: 'gif',
  heic: 'heic', heif: 'heic',
};
const flags: Readonly<Record<string, FlagFacetName>> = {
  gps: 'gps', location: 'gps', caption: 'caption', tags: 'tags', tag: 'tags', date: 'date', camera: 'camera', text: 'text', estimate: 'placeEstimate', estimated: 'placeEstimate', 'place-estimate': 'placeEstimate',
};
/** English month names and their usual abbreviations ('sept' too), as people type them. */
const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 from 'july', 'Jul', 'sept', '7' or '07'; undefined for anything else. */
export function monthNumber(text: string): number | undefined {
  const word = text.toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(word)) {
    const n = Number(word);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  if (word.length < 3) return undefined;
  const index = monthNames.findIndex((name) => name.startsWith(word) || (word === 'sept' && name === 'september'));
  return index === -1 ? undefined : index + 1;
}

const states: Readonly<Record<string, StateFacetName>> = { indexed: 'indexed', queued: 'queued', failed: 'failed', hidden: 'hidden' };
/** is:favorite, in either spelling. */
const favoriteWords: ReadonlySet<string> = new Set(['favorite', 'favourite', 'favorites', 'favourites', 'fav']);

export interface FieldTerm {
  field: string;
  value: string;
  quoted: boolean;
  /** The whole `field:value` term. */
  span: Span;
  valueSpan: Span;
  /** The term as typed, quoted back in messages. */
  source: string;
}

const where = (span: Span, source: string) => `at column ${span.position + 1}: ${source}`;

/** Turns `field:value` into its node, or says exactly what is wrong with it. */
export function fieldNode(term: FieldTerm): QueryNode {
  const { field, span, source } = term;
  if (!(fieldNames as readonly string[]).includes(field)) throw unknownField(term);
  const value = term.value.trim().replace(/\s+/g, ' ');
  if (value === '') {
    throw new QueryError(`Nothing after ${field}: ${where(span, source)} (give a value, e.g. ${example[field as FieldName]})`, span.position, span.length);
  }
  const bad = (what: string, hint: string) =>
    new QueryError(`${what} ${where(term.valueSpan, source)} (${hint})`, term.valueSpan.position, Math.max(1, term.valueSpan.length));
  switch (field as FieldName) {
    case 'tag':
      return { type: 'tag', name: value, span };
    case 'camera':
    case 'lens':
      return { type: field as 'camera' | 'lens', value, span };
    case 'place':
    case 'country':
      if (!/[\p{L}\p{N}]/u.test(value)) throw bad(`No ${field} name`, field === 'place' ? 'place: matches towns and regions, e.g. place:florence' : 'write a country name or code, e.g. country:italy or country:it');
      return { type: field as 'place' | 'country', value, span };
    case 'estimate':
      if (!/[\p{L}\p{N}]/u.test(value)) throw bad('No place name', `estimate: matches places estimated for photos without GPS, e.g. estimate:florence; place:florence OR estimate:florence finds both, has:estimate every estimated photo`);
      return { type: 'estimate', value, span };
    case 'folder':
      if (!/[\p{L}\p{N}]/u.test(value)) throw bad('No folder name', 'folder: matches words of folder names, e.g. folder:holidays');
      return { type: 'folder', value, span };
    case 'year': {
      if (!/^\d{4}$/.test(value)) throw bad('Not a year', 'write a four-digit year, e.g. year:2019');
      return { type: 'date', from: `${value}-01-01`, to: `${Number(value) + 1}-01-01`, span };
    }
    case 'date': {
      const range = periodRange(value);
      if (!range) throw bad('Not a date', 'write YYYY, YYYY-MM or YYYY-MM-DD, e.g. date:2019-07 or date:2019-07-14');
      return { type: 'date', ...range, span };
    }
    case 'day': {
      const range = /^\d{4}-\d{1,2}-\d{1,2}$/.test(value) ? periodRange(value) : undefined;
      if (!range) throw bad('Not a day', 'write YYYY-MM-DD, e.g. day:2019-07-14; a month is date:2019-07, any year\'s July is month:july');
      return { type: 'date', ...range, span };
    }
    case 'month': {
      const month = monthNumber(value);
      if (month === undefined) throw bad(`Not a month "${value}"`, 'write a month name or number, e.g. month:july or month:7; a month of one year is date:2019-07');
      return { type: 'month', month, span };
    }
    case 'after':
    case 'before': {
      const day = periodStart(value);
      if (!day) throw bad('Not a date', `write YYYY, YYYY-MM or YYYY-MM-DD, e.g. ${field}:2019-06-01`);
      return field === 'after' ? { type: 'date', from: day, to: null, span } : { type: 'date', from: null, to: day, span };
    }
    case 'format': {
      const format = formats[value.toLowerCase().replace(/^\./, '')];
      if (!format) throw bad(`Unknown format "${value}"`, 'use jpeg, heic, png, tiff, webp, avif or gif');
      return { type: 'format', format, span };
    }
    case 'has': {
      const facet = flags[value.toLowerCase()];
      if (!facet) throw bad(`Unknown has:${value}`, 'use has:gps, has:caption, has:tags, has:date, has:camera, has:text or has:estimate, the photos with a place estimated from their camera\'s located photos');
      return { type: 'has', facet, span };
    }
    case 'person':
      return { type: 'person', name: value, span };
    case 'text':
      if (!/[\p{L}\p{N}]/u.test(value)) throw bad('No words', 'text: matches words read in photos, e.g. text:password or text:"hotel california"');
      return { type: 'photoText', value, span };
    case 'faces': {
      const m = /^(\d{1,3})(\+?)$/.exec(value);
      if (!m) throw bad('Not a number of faces', 'write faces:2 for exactly two, faces:3+ for three or more');
      return { type: 'faces', count: Number(m[1]), atLeast: m[2] === '+', span };
    }
    case 'within': {
      const parts = value.split(',').map((part) => part.trim());
      // A fifth part, `estimated`, adds the photos whose estimated place lies in the area (the Map's toggle).
      const estimates = parts.length === 5 && /^estimate[sd]?$/i.test(parts[4] as string);
      const numbers = estimates ? parts.slice(0, 4) : parts;
      const box = numbers.length === 4 && numbers.every((n) => /^-?\d+(\.\d+)?$/.test(n)) ? numbers.map(Number) : null;
      const hint = 'write within:south,west,north,east in degrees, e.g. within:43.7,11.1,43.9,11.4; add ,estimated for estimated places too';
      if (!box) throw bad('Not an area', hint);
      const [south, west, north, east] = box as [number, number, number, number];
      if (Math.abs(south) > 90 || Math.abs(north) > 90 || Math.abs(west) > 180 || Math.abs(east) > 180) throw bad('Outside the map', `latitudes run from -90 to 90, longitudes from -180 to 180; ${hint}`);
      if (south > north) throw bad('South of the area is north of it', hint);
      // west > east: the area crosses the 180th meridian.
      return { type: 'within', south, west, north, east, estimates, span };
    }
    case 'is': {
      if (favoriteWords.has(value.toLowerCase())) return { type: 'favorite', span };
      const state = states[value.toLowerCase()];
      const missing = value.toLowerCase() === 'missing' ? 'missing photos are never in results; ' : '';
      if (!state) throw bad(`Unknown is:${value}`, `${missing}use is:favorite, is:indexed, is:queued, is:failed or is:hidden`);
      return { type: 'is', state, span };
    }
    case 'rating': {
      const m = /^([0-5])(\+?)$/.exec(value);
      if (!m) throw bad('Not a rating', 'write a number of stars from 0 to 5: rating:4 for exactly four, rating:4+ for four or more, rating:0 for unrated');
      return { type: 'rating', stars: Number(m[1]), atLeast: m[2] === '+', span };
    }
    case 'album':
      if (!/[\p{L}\p{N}]/u.test(value)) throw bad('No album name', 'write the album\'s name, in quotes when it has spaces, e.g. album:"Summer 2019"');
      return { type: 'album', name: value, span };
  }
}

const example: Record<FieldName, string> = {
  tag: 'tag:dog', camera: 'camera:canon', lens: 'lens:50mm', place: 'place:florence', country: 'country:italy', estimate: 'estimate:florence', date: 'date:2019-07', day: 'day:2019-07-14',
  month: 'month:july', year: 'year:2019', after: 'after:2019-06-01',
  before: 'before:2020', folder: 'folder:holidays', format: 'format:heic', has: 'has:gps', is: 'is:failed',
  person: 'person:alice', faces: 'faces:2', within: 'within:43.7,11.1,43.9,11.4', rating: 'rating:4+', album: 'album:"Summer 2019"', text: 'text:password',
};

/**
 * The first day of a period written YYYY, YYYY-MM or YYYY-MM-DD, as 'YYYY-MM-DD'; undefined when it is not a real
 * date. `after:` includes the period it names and `before:` excludes it, so both start from its first day.
 */
export function periodStart(text: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The days a period written YYYY, YYYY-MM or YYYY-MM-DD covers, as [from, to); undefined when it is not a real date. */
export function periodRange(text: string): { from: string; to: string } | undefined {
  const from = periodStart(text);
  if (!from) return undefined;
  const parts = text.split('-').length;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const next = new Date(0);
  next.setUTCFullYear(parts === 1 ? y + 1 : y, parts === 2 ? m : m - 1, parts === 3 ? d + 1 : 1);
  const to = `${String(next.getUTCFullYear()).padStart(4, '0')}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(next.getUTCDate()).padStart(2, '0')}`;
  return { from, to };
}

function unknownField(term: FieldTerm): QueryError {
  const guess = likelyMeant[term.field] ?? closestField(term.field);
  const hint = guess ? `Did you mean ${guess}:? ` : '';
  const nameLength = term.field.length + 1;
  return new QueryError(
    `Unknown field "${term.field}:" ${where(term.span, term.source)}. ${hint}Fields are ${fieldNames.join(', ')}; ` +
      `to search for the text itself, put it in quotes: "${term.source.replace(/"/g, '')}"`,
    term.span.position,
    nameLength,
  );
}

function closestField(name: string): FieldName | undefined {
  const started = fieldNames.filter((f) => name.length >= 2 && f.startsWith(name));
  if (started.length === 1) return started[0];
  let best: FieldName | undefined;
  let bestDistance = Infinity;
  for (const field of fieldNames) {
    const d = editDistance(name, field);
    if (d < bestDistance) [best, bestDistance] = [field, d];
  }
  // Short names are a couple of edits from every other short name: only suggest what is plausibly a typo.
  return bestDistance <= (name.length <= 4 ? 1 : 2) ? best : undefined;
}

/** Edit distance counting a swap of neighbours as one edit, the commonest typo. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}
