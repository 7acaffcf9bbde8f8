import type { Db } from '../openDatabase.js';
import type { SearchLookups } from './compileQuery.js';
import { dateTokens, facetMatch } from './facetTokens.js';
import { cachedStatement } from './statementCache.js';

export interface DatePageRequest {
  match: string;
  /** How many photos match, and how many there are in all (not missing). */
  total: number;
  universe: number;
  takenBetween: { from: string | null; to: string | null } | null;
  limit: number;
  offset: number;
}

/** Below this many matches, reading them all and sorting (~0.7 µs each) beats any cleverness. */
export const SORT_LIMIT = 2_000;
/**
 * Above this share of the library, walking the date index (~0.25 µs a photo passed) fills a page sooner than
 * sorting the matches does (~0.7 µs a match).
 */
const DENSE_SHARE = 0.3;

// Missing photos, and the copies the user hid (a date-only query never names is:hidden): one small list.
const NOT_MISSING = `p.id NOT IN (SELECT id FROM photos WHERE state = 'missing' UNION ALL SELECT photo_id FROM hidden_photos)`;
const ORDER = 'ORDER BY p.taken_at DESC, p.id DESC';
const IN_MATCH = 'p.id IN (SELECT rowid FROM photo_search WHERE photo_search MATCH @match)';

const sql = {
  sort: `SELECT p.id AS photoId, p.path FROM (SELECT rowid AS id FROM photo_search WHERE photo_search MATCH @match) m
         CROSS JOIN photos p ON p.id = m.id WHERE p.state != 'missing' ${ORDER} LIMIT @limit OFFSET @offset`,
  // Both walks read the date index newest first and stop once the page is full. The few missing photos are one
  // small list; checking each row's state instead would read every walked row from the table.
  walk: `SELECT p.id AS photoId, p.path FROM photos p INDEXED BY photos_taken WHERE ${IN_MATCH} AND ${NOT_MISSING}
         ${ORDER} LIMIT @limit OFFSET @offset`,
  walkBetween: `SELECT p.id AS photoId, p.path FROM photos p INDEXED BY photos_taken
                WHERE p.taken_at >= @from AND p.taken_at < @to AND ${IN_MATCH} AND ${NOT_MISSING}
                ${ORDER} LIMIT @limit OFFSET @offset`,
  countBetween: 'SELECT count(*) FROM photos INDEXED BY photos_taken WHERE taken_at >= @from AND taken_at < @to',
  // A range count reads only the index; the few missing photos are looked up on their own and taken off.
  countTakenBetween: `SELECT (SELECT count(*) FROM photos INDEXED BY photos_taken WHERE taken_at >= @from AND taken_at < @to)
    - (SELECT count(*) FROM photos INDEXED BY photos_state WHERE state = 'missing' AND taken_at >= @from AND taken_at < @to)
    - (SELECT count(*) FROM hidden_photos h JOIN photos p ON p.id = h.photo_id WHERE p.state != 'missing' AND p.taken_at >= @from AND p.taken_at < @to)`,
  pageTakenBetween: `SELECT p.id AS photoId, p.path FROM photos p INDEXED BY photos_taken
                     WHERE p.taken_at >= @from AND p.taken_at < @to AND ${NOT_MISSING} ${ORDER} LIMIT @limit OFFSET @offset`,
  // The day of the n-th newest photo taken before @to: where a window of n photos starts.
  windowStart: `SELECT substr(taken_at, 1, 10) FROM photos INDEXED BY photos_taken WHERE taken_at < @to
                ORDER BY taken_at DESC LIMIT 1 OFFSET @n`,
};

/** Sorts after every date, so it can stand for "no upper bound" in a range over taken_at. */
const NO_UPPER_BOUND = '~';

/**
 * One page of matches, newest first. Sorting every match, or walking the date index with `id IN (matches)` (which
 * collects every match first, 7 ms for two thirds of 100,000 photos), both cost in proportion to all the matches
 * although the page needs a few dozen. So the match is narrowed with day/month/year tokens to a window of the
 * newest photos that should hold the page with a margin; dense matches are then walked, sparse ones sorted. A
 * window that falls short means the matches bunch in older photos (folder:2019), and all of them are read.
 */
export function pageByDate(db: Db, lookups: Pick<SearchLookups, 'yearRange'>, request: DatePageRequest): { photoId: number; path: string }[] {
  const { match, total, limit, offset } = request;
  if (total <= SORT_LIMIT) return all(db, sql.sort, { match, limit, offset });
  const lower = request.takenBetween?.from ?? null;
  const upper = request.takenBetween?.to ?? null;
  // Matches of a dated query all lie in its range: their rate is against the photos there, not the library.
  const population = request.takenBetween ? (cachedStatement(db, sql.countBetween).pluck().get({ from: lower ?? '', to: upper ?? NO_UPPER_BOUND }) as number) : request.universe;
  const dense = total >= DENSE_SHARE * population;
  const needed = offset + limit;
  // Matches in a window are about binomial: four standard deviations of margin make a second try rare.
  const windowSize = Math.ceil(((needed + 4 * Math.sqrt(needed) + 20) * population) / total);
  // A window over most of the photos narrows nothing and only adds tokens to match.
  const start = windowSize < population / 2 ? (cachedStatement(db, sql.windowStart).pluck().get({ to: upper ?? NO_UPPER_BOUND, n: windowSize }) as string | undefined) : undefined;
  if (start !== undefined && (lower === null || start > lower)) {
    const narrowed = `(${match}) AND (${facetMatch(dateTokens(start, upper, lookups.yearRange()))})`;
    const rows = dense
      ? all(db, sql.walkBetween, { match: narrowed, from: start, to: upper ?? NO_UPPER_BOUND, limit, offset })
      : all(db, sql.sort, { match: narrowed, limit, offset });
    if (rows.length === limit) return rows;
  }
  // Every match is needed: within the query's own date range when it has one.
  if (!dense) return all(db, sql.sort, { match, limit, offset });
  if (lower === null && upper === null) return all(db, sql.walk, { match, limit, offset });
  return all(db, sql.walkBetween, { match, from: lower ?? '', to: upper ?? NO_UPPER_BOUND, limit, offset });
}

/**
 * A query that is only a date range (year:2019, after:2020-06) straight from the taken_at index: a broad range is
 * tens of thousands of day, month and year postings to merge in the FTS index, but one range scan here.
 */
export function takenBetween(db: Db, range: { from: string | null; to: string | null }, limit: number, offset: number): { total: number; rows: { photoId: number; path: string }[] } {
  const bounds = { from: range.from ?? '', to: range.to ?? NO_UPPER_BOUND };
  const total = cachedStatement(db, sql.countTakenBetween).pluck().get(bounds) as number;
  return { total, rows: total > offset ? all(db, sql.pageTakenBetween, { ...bounds, limit, offset }) : [] };
}

function all(db: Db, statement: string, params: Record<string, unknown>): { photoId: number; path: string }[] {
  return cachedStatement(db, statement).all(params) as { photoId: number; path: string }[];
}
