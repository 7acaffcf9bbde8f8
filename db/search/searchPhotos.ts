import type { Db } from '../openDatabase.js';
import { compileQuery, type CompiledQuery, type SearchLookups } from './compileQuery.js';
import { pageByDate, takenBetween } from './pageByDate.js';
import { parseQuery } from './parseQuery.js';
import { searchLookups } from './searchLookups.js';
import { cachedStatement } from './statementCache.js';
import { splitWithin } from './withinArea.js';
import { matchScope } from './matchScope.js';
import { withoutHidden } from './facetTokens.js';

export interface SearchOptions {
  /** Results per page, 1..10,000; default 50. */
  limit?: number;
  offset?: number;
  /** See ParseOptions.prefixLastWord; default true. */
  prefixLastWord?: boolean;
}

export interface SearchHit {
  photoId: number;
  path: string;
  /** Relevance (higher is better) when the query's words ordered the results; 0 when they are in date order. */
  rank: number;
}

export interface SearchPage {
  /** Every matching photo, not just this page. */
  total: number;
  results: SearchHit[];
}

/**
 * Beyond this many matches relevance is not worth its price: bm25 costs ~0.4 µs a match, and a word on this many
 * photos says little about any one of them (its bm25 weight tends to zero). Such results come newest first.
 */
export const RANK_LIMIT = 10_000;

/**
 * Weights of tags, caption, file name, folder, camera, facets, place and text read in the photo in bm25: what a
 * photo shows counts most; words read in it count least (a sign in the background is not what the photo is of).
 */
const BM25 = 'bm25(photo_search, 10.0, 5.0, 2.0, 1.0, 1.0, 0.0, 2.0, 0.5)';

const sql = {
  countAll: `SELECT (SELECT count(*) FROM photos) - (SELECT count(*) FROM photos WHERE state = 'missing')
             - (SELECT count(*) FROM hidden_photos h JOIN photos p ON p.id = h.photo_id WHERE p.state != 'missing')`,
  countMatch: 'SELECT count(*) FROM photo_search WHERE photo_search MATCH ?',
  // Walks the date index newest first and stops after the page. The few missing photos are one small list;
  // checking each row's state instead would read every walked row from the table.
  pageAll: `SELECT p.id AS photoId, p.path FROM photos p INDEXED BY photos_taken
            WHERE p.id NOT IN (SELECT id FROM photos WHERE state = 'missing' UNION ALL SELECT photo_id FROM hidden_photos)
            ORDER BY p.taken_at DESC, p.id DESC LIMIT ? OFFSET ?`,
  pageRanked: `SELECT m.id AS photoId, p.path, -m.score AS rank
               FROM (SELECT rowid AS id, ${BM25} AS score FROM photo_search WHERE photo_search MATCH ?
                     ORDER BY score, rowid DESC LIMIT ? OFFSET ?) m
               JOIN photos p ON p.id = m.id WHERE p.state != 'missing' ORDER BY m.score, m.id DESC`,
};

/**
 * One page of the photos matching `query` (see parseQuery for the language), best first: by relevance when the
 * query has words, else newest first (taken_at, then id; undated photos last). Missing photos never appear.
 * Throws QueryError for a malformed query.
 */
export function searchPhotos(db: Db, query: string, options: SearchOptions = {}): SearchPage {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError(`limit must be an integer from 1 to 10000, not ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number, not ${offset}`);
  const parsed = parseQuery(query, { prefixLastWord: options.prefixLastWord ?? true });
  const universe = cachedStatement(db, sql.countAll).pluck().get() as number;
  if (splitWithin(parsed.root).box) return withinArea(db, query, limit, offset);
  if (!parsed.root) {
    const rows = universe > offset ? (cachedStatement(db, sql.pageAll).all(limit, offset) as { photoId: number; path: string }[]) : [];
    return { total: universe, results: rows.map((r) => ({ ...r, rank: 0 })) };
  }
  const lookups = searchLookups(db);
  const compiled = compileQuery(parsed.root, lookups);
  // Hidden copies leave the results unless the query asks for them (is:hidden).
  return matching(db, lookups, compiled.showsHidden ? compiled : { ...compiled, match: withoutHidden(compiled.match) }, universe, limit, offset);
}

function matching(db: Db, lookups: SearchLookups, compiled: CompiledQuery, universe: number, limit: number, offset: number): SearchPage {
  if (compiled.onlyDates && compiled.takenBetween) {
    const found = takenBetween(db, compiled.takenBetween, limit, offset);
    return { total: found.total, results: found.rows.map((r) => ({ ...r, rank: 0 })) };
  }
  const total = cachedStatement(db, sql.countMatch).pluck().get(compiled.match) as number;
  if (total <= offset) return { total, results: [] };
  if (compiled.ranked && total <= RANK_LIMIT) {
    return { total, results: cachedStatement(db, sql.pageRanked).all(compiled.match, limit, offset) as SearchHit[] };
  }
  const rows = pageByDate(db, lookups, { match: compiled.match, total, universe, takenBetween: compiled.takenBetween, limit, offset });
  return { total, results: rows.map((r) => ({ ...r, rank: 0 })) };
}

/**
 * A query narrowed to an area (within:): the photos in the box are read from the table and sorted, newest first.
 * A box is a few thousand photos at most in a real library; the whole world's is every located photo (~30 ms
 * for 33,000).
 */
function withinArea(db: Db, query: string, limit: number, offset: number): SearchPage {
  const scope = matchScope(db, query);
  const total = db.prepare(`SELECT count(*) FROM photos p WHERE ${scope.where}`).pluck().get(scope.params) as number;
  const rows = total > offset
    ? (db.prepare(`SELECT p.id AS photoId, p.path FROM photos p WHERE ${scope.where} ORDER BY p.taken_at DESC, p.id DESC LIMIT @limit OFFSET @offset`).all({ ...scope.params, limit, offset }) as { photoId: number; path: string }[])
    : [];
  return { total, results: rows.map((r) => ({ ...r, rank: 0 })) };
}
