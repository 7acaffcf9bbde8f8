import type { Db } from '../openDatabase.js';
import { compileQuery } from './compileQuery.js';
import { ALL_TOKEN, facetMatch, withoutHidden } from './facetTokens.js';
import { parseQuery } from './parseQuery.js';
import { searchLookups } from './searchLookups.js';
import { cachedStatement } from './statementCache.js';
import { splitWithin } from './withinArea.js';

export interface FacetCounts {
  tags: { name: string; count: number }[];
  years: { year: string; count: number }[];
  /** Matches with no capture date (-has:date finds them); they are in no year. */
  undated: number;
  cameras: { camera: string; count: number }[];
  /** Towns, else countries (photos named only by their country); `value` is what place: or country: takes. */
  places: { name: string; field: 'place' | 'country'; value: string; countryCode: string | null; count: number }[];
  /**
   * Places estimated for matches without GPS (photo_place_estimates), counted apart from `places` and never added
   * to them: towns, else countries; `value` is what estimate: takes. Empty when no match has an estimate.
   */
  estimatedPlaces: { name: string; value: string; countryCode: string | null; count: number }[];
  /** The counts were scaled up from an even sample of the matches (see FACET_SAMPLE); their order is reliable. */
  approximate: boolean;
}

export interface FacetOptions {
  /** Entries per facet, most photos first; default 20. */
  top?: number;
}

/**
 * Counting facets costs ~5 µs a matching photo (its tags, its date and camera), half a second for 100,000. Past
 * this many matches every k-th photo (by id, which follows the scan, not any facet) stands for k.
 */
export const FACET_SAMPLE = 2_500;

// An area (within:) narrows the matches to photos whose position lies in it; @south null: no area. With
// @estimates (within:…,estimated) also to photos without GPS whose estimated place (its source's position) does.
const boxOf = (alias: string) => `${alias}.gps_lat BETWEEN @south AND @north
  AND CASE WHEN @west <= @east THEN ${alias}.gps_lon BETWEEN @west AND @east ELSE (${alias}.gps_lon >= @west OR ${alias}.gps_lon <= @east) END`;
const IN_AREA = `(@south IS NULL OR rowid IN (SELECT id FROM photos g WHERE ${boxOf('g')})
  OR (@estimates = 1 AND rowid IN (SELECT pe.photo_id FROM photo_place_estimates pe JOIN photos src ON src.id = pe.source_photo_id
    JOIN photos q ON q.id = pe.photo_id WHERE q.gps_lat IS NULL AND ${boxOf('src')})))`;
const MATCHES = `SELECT rowid AS id FROM photo_search WHERE photo_search MATCH @match AND (@stride = 1 OR rowid % @stride = 0) AND ${IN_AREA}`;
// One statement, so the matches are found once: tag ids with counts, then (year, camera) pairs with counts.
const sql = `WITH r(id) AS MATERIALIZED (${MATCHES})
  SELECT 'tag' AS facet, pt.tag_id AS a, NULL AS b, count(*) AS n FROM r JOIN photo_tags pt ON pt.photo_id = r.id
    WHERE pt.state != 'rejected' GROUP BY pt.tag_id
  UNION ALL
  SELECT 'photo', substr(p.taken_at, 1, 4), p.camera, count(*) FROM r JOIN photos p ON p.id = r.id GROUP BY 2, 3
  UNION ALL
  SELECT CASE WHEN pp.town IS NULL THEN 'country' ELSE 'town' END, coalesce(pp.town, pp.country), pp.country_code, count(*)
    FROM r JOIN photo_places pp ON pp.photo_id = r.id WHERE coalesce(pp.town, pp.country) IS NOT NULL GROUP BY 1, 2, 3
  UNION ALL
  SELECT CASE WHEN pe.town IS NULL THEN 'estimated-country' ELSE 'estimated-town' END, coalesce(pe.town, pe.country), pe.country_code, count(*)
    FROM r JOIN photo_place_estimates pe ON pe.photo_id = r.id WHERE coalesce(pe.town, pe.country) IS NOT NULL GROUP BY 1, 2, 3`;

/** How many of the photos matching `query` have each tag, year, camera and place: the top few of each. */
export function facetCounts(db: Db, query: string, options: FacetOptions = {}): FacetCounts {
  const top = options.top ?? 20;
  const parsed = parseQuery(query, { prefixLastWord: true });
  const lookups = searchLookups(db);
  const { rest, box } = splitWithin(parsed.root);
  const compiled = rest ? compileQuery(rest, lookups) : null;
  const match = compiled ? (compiled.showsHidden ? compiled.match : withoutHidden(compiled.match)) : withoutHidden(facetMatch([ALL_TOKEN]));
  const area = { south: box?.south ?? null, north: box?.north ?? null, west: box?.west ?? null, east: box?.east ?? null, estimates: box?.estimates ? 1 : 0 };
  const total = cachedStatement(db, `SELECT count(*) FROM photo_search WHERE photo_search MATCH @match AND ${IN_AREA}`).pluck().get({ match, ...area }) as number;
  const stride = Math.max(1, Math.ceil(total / FACET_SAMPLE));
  const rows = cachedStatement(db, sql).all({ match, stride, ...area }) as { facet: string; a: number | string | null; b: string | null; n: number }[];

  const tagCounts = new Map<number, number>();
  const yearCounts = new Map<string, number>();
  const cameraCounts = new Map<string, number>();
  // Keyed by field, name and country, so Florence (Italy) and Florence (Alabama) stay apart.
  const placeCounts = new Map<string, number>();
  const estimateCounts = new Map<string, number>();
  let sampled = 0;
  let undated = 0;
  for (const row of rows) {
    if (row.facet === 'tag') {
      tagCounts.set(row.a as number, row.n);
      continue;
    }
    if (row.facet === 'town' || row.facet === 'country') {
      placeCounts.set(JSON.stringify([row.facet, row.a, row.b]), row.n);
      continue;
    }
    if (row.facet === 'estimated-town' || row.facet === 'estimated-country') {
      estimateCounts.set(JSON.stringify([row.facet === 'estimated-town' ? 'town' : 'country', row.a, row.b]), row.n);
      continue;
    }
    sampled += row.n;
    if (typeof row.a === 'string' && /^\d{4}$/.test(row.a)) yearCounts.set(row.a, (yearCounts.get(row.a) ?? 0) + row.n);
    else if (row.a === null) undated += row.n;
    if (row.b !== null) cameraCounts.set(row.b, (cameraCounts.get(row.b) ?? 0) + row.n);
  }
  const scale = stride === 1 || sampled === 0 ? 1 : total / sampled;
  const scaled = (n: number) => (scale === 1 ? n : Math.max(1, Math.round(n * scale)));
  const names = tagNames(db, [...tagCounts.keys()]);
  const ranked = <K>(counts: Map<K, number>, label: (key: K) => string) =>
    [...counts].map(([key, n]) => ({ key: label(key), n })).sort((x, y) => y.n - x.n || x.key.localeCompare(y.key)).slice(0, top);

  return {
    tags: ranked(tagCounts, (id) => names.get(id) ?? `#${id}`).map((e) => ({ name: e.key, count: scaled(e.n) })),
    years: ranked(yearCounts, (y) => y).map((e) => ({ year: e.key, count: scaled(e.n) })),
    undated: undated === 0 ? 0 : scaled(undated),
    cameras: ranked(cameraCounts, (c) => c).map((e) => ({ camera: e.key, count: scaled(e.n) })),
    places: ranked(placeCounts, (k) => k).map((e) => {
      const [kind, name, code] = JSON.parse(e.key) as ['town' | 'country', string, string | null];
      return kind === 'town'
        ? { name, field: 'place' as const, value: name, countryCode: code, count: scaled(e.n) }
        : { name, field: 'country' as const, value: code ?? name, countryCode: code, count: scaled(e.n) };
    }),
    // estimate: takes a town, or a country's code (or name); the one field, so no `field` here.
    estimatedPlaces: ranked(estimateCounts, (k) => k).map((e) => {
      const [kind, name, code] = JSON.parse(e.key) as ['town' | 'country', string, string | null];
      return { name, value: kind === 'town' ? name : (code ?? name), countryCode: code, count: scaled(e.n) };
    }),
    approximate: scale !== 1,
  };
}

function tagNames(db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = cachedStatement(db, 'SELECT id, name FROM tags WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
