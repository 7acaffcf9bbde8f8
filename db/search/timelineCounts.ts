import type { Db } from '../openDatabase.js';
import { matchScope } from './matchScope.js';

export interface TimelineCounts {
  /** 'date': results come newest first (undated last), so they fall into these days in this order. */
  order: 'date' | 'relevance';
  /** [YYYY-MM-DD, photos that day], newest day first. */
  days: [string, number][];
  /** Matches with no capture date: they come after every dated one. */
  undated: number;
  total: number;
}

/**
 * How many of a query's matches were taken on each day: the timeline's day and month headers and its scrubber are
 * laid out from these before a single photo is fetched. One grouped pass over the matches (~40 ms for 100,000).
 */
export function timelineCounts(db: Db, query: string): TimelineCounts {
  const scope = matchScope(db, query);
  // Statement text varies only with the scope's shape (three kinds), so preparing it each time is cheap enough.
  const rows = db
    .prepare(`SELECT substr(p.taken_at, 1, 10) AS day, count(*) AS n FROM photos p WHERE ${scope.where} GROUP BY 1 ORDER BY 1 DESC`)
    .raw()
    .all(scope.params) as [string | null, number][];
  const days: [string, number][] = [];
  let undated = 0;
  let total = 0;
  for (const [day, n] of rows) {
    total += n;
    if (day === null || !/^\d{4}-\d\d-\d\d$/.test(day)) undated += n;
    else days.push([day, n]);
  }
  return { order: scope.ranked ? 'relevance' : 'date', days, undated, total };
}
