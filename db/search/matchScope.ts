import type { Db } from '../openDatabase.js';
import { compileQuery } from './compileQuery.js';
import { withoutHidden } from './facetTokens.js';
import { parseQuery } from './parseQuery.js';
import type { QueryNode } from './queryAst.js';
import { RANK_LIMIT } from './searchPhotos.js';
import { searchLookups } from './searchLookups.js';
import { cachedStatement } from './statementCache.js';
import { boxCondition, splitWithin } from './withinArea.js';

/**
 * The photos a query matches, as a SQL condition over `photos p` with its parameters, for statements that
 * aggregate over every match (the timeline's day counts, the map's positions) instead of paging through them.
 * Missing photos are left out, and hidden copies unless the query asks for them (is:hidden), as search leaves them out.
 */
export interface MatchScope {
  where: string;
  params: Record<string, unknown>;
  /** Results come by relevance (searchPhotos ranks them), so they are in no date order. */
  ranked: boolean;
}

/** Sorts after every date, so it stands for "no upper bound" in a range over taken_at. */
const NO_UPPER_BOUND = '~';

/** Throws QueryError for a malformed query, as search does. */
export function matchScope(db: Db, query: string): MatchScope {
  const { rest, box } = splitWithin(parseQuery(query, { prefixLastWord: true }).root);
  const scope = restScope(db, rest);
  if (!box) return scope;
  const area = boxCondition(box);
  // An area's photos come newest first (searchPhotos sorts them by date), words or not.
  return { where: `${area.where} AND ${scope.where}`, params: { ...scope.params, ...area.params }, ranked: false };
}

const SHOWN = `p.state != 'missing' AND p.id NOT IN (SELECT photo_id FROM hidden_photos)`;

function restScope(db: Db, root: QueryNode | null): MatchScope {
  if (!root) return { where: SHOWN, params: {}, ranked: false };
  const compiled = compileQuery(root, searchLookups(db));
  if (compiled.onlyDates && compiled.takenBetween) {
    const { from, to } = compiled.takenBetween;
    return { where: `p.taken_at >= @from AND p.taken_at < @to AND ${SHOWN}`, params: { from: from ?? '', to: to ?? NO_UPPER_BOUND }, ranked: false };
  }
  const match = compiled.showsHidden ? compiled.match : withoutHidden(compiled.match);
  const ranked = compiled.ranked && (cachedStatement(db, 'SELECT count(*) FROM photo_search WHERE photo_search MATCH ?').pluck().get(match) as number) <= RANK_LIMIT;
  return { where: `p.id IN (SELECT rowid FROM photo_search WHERE photo_search MATCH @match) AND p.state != 'missing'`, params: { match }, ranked };
}
