/**
 * The vocabulary of the `facets` column of photo_search: how a photo's structured facts become FTS tokens (the SQL
 * below, run by the index writer) and how a query names them (the functions, run by the compiler). Both sides live
 * here so they cannot drift apart. Tokens are ASCII letters and digits only, so the tokenizer keeps each whole.
 *
 *   xall                  every indexed photo (lets a purely negative query subtract from something)
 *   xs<state>             xsindexed, xsqueued, xsfailed
 *   xshidden              a copy the user hid (migration 0012; appended by the index writer)
 *   xtagged t<tag id>     one t-token per tag that is not rejected
 *   xdated y<YYYY> ym<YYYYMM> ymd<YYYYMMDD>   from taken_at
 *   f<hex>                format (lower case, hex-encoded as SQLite's hex() gives it, so any text is one token)
 *   xgps xcaption xcamera
 *   c<id>                 camera, make and model: ids of their rows in search_values
 *   l<id>                 lens, likewise
 *   p<hex>                town and region (folded: lower case, no accents; hex-encoded), from photo_places
 *   xcc<iso code>         country, ISO 3166-1 alpha-2 in lower case (xccit)
 *   xplest e<hex> xecc<iso code>   an estimated place (migration 0015; appended by the index writer): the flag,
 *                         then town and region, and country, as p<hex> and xcc<code> are for GPS places
 *   xp<person id>         each person in the photo (migration 0006; appended by the index writer)
 *   xfeq<n> xfge<k>       exactly n faces; at least k faces for k = 1..min(n, 20)
 *   xfav                  the user's favourite (migration 0011; appended by the index writer, see markFacets)
 *   xr<n>                 the user's rating, 1–5 stars (unrated photos have none, so rating:0 is "not xrated")
 *   xrated                rated at all
 *   xa<album id>          in that hand-picked album
 *   xtext                 words were read in the photo (migration 0013; appended by the index writer)
 *
 * Cameras and lenses are named by id, not by value, to keep the tokens short; the writer adds the search_values
 * rows before it computes the facets. Folders need no tokens: the `folder` text column already holds their words.
 * Place tokens are computed by the writer in JS (SQLite's lower() folds neither accents nor non-ASCII letters) and
 * appended to this expression's result.
 */

/** The facets text of photo `p` (an alias of photos in the surrounding statement). */
export const FACETS_SQL = `'xall xs' || p.state
  || coalesce((SELECT ' xtagged t' || group_concat(pt.tag_id, ' t') FROM photo_tags pt WHERE pt.photo_id = p.id AND pt.state != 'rejected'), '')
  || CASE WHEN p.taken_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
       THEN ' xdated y' || substr(p.taken_at, 1, 4) || ' ym' || substr(p.taken_at, 1, 4) || substr(p.taken_at, 6, 2)
            || ' ymd' || substr(p.taken_at, 1, 4) || substr(p.taken_at, 6, 2) || substr(p.taken_at, 9, 2)
       ELSE '' END
  || CASE WHEN p.format IS NOT NULL THEN ' f' || hex(lower(p.format)) ELSE '' END
  || CASE WHEN p.gps_lat IS NOT NULL AND p.gps_lon IS NOT NULL THEN ' xgps' ELSE '' END
  || CASE WHEN EXISTS (SELECT 1 FROM captions c WHERE c.photo_id = p.id AND trim(c.text) != '') THEN ' xcaption' ELSE '' END
  || CASE WHEN coalesce(p.camera, p.camera_make, p.camera_model) IS NOT NULL THEN ' xcamera' ELSE '' END
  || coalesce((SELECT ' c' || group_concat(v.id, ' c') FROM search_values v
                WHERE v.kind = 'camera' AND v.value IN (p.camera, p.camera_make, p.camera_model)), '')
  || coalesce((SELECT ' l' || v.id FROM search_values v WHERE v.kind = 'lens' AND v.value = p.lens), '')`;

/** faces:N+ beyond this reads as faces:20+ (a crowd). */
export const maxFaceCountToken = 20;

export const personToken = (personId: number): string => `xp${personId}`;

/** No tokens for no faces (faces:0 is "not xfge1"), so rows written before faces existed need no rewrite. */
export function faceCountTokens(faces: number): string[] {
  if (faces === 0) return [];
  const tokens = [`xfeq${faces}`];
  for (let k = 1; k <= Math.min(faces, maxFaceCountToken); k++) tokens.push(`xfge${k}`);
  return tokens;
}

export const FAVORITE_TOKEN = 'xfav';
export const PLACE_ESTIMATE_TOKEN = 'xplest';
export const RATED_TOKEN = 'xrated';
export const ratingToken = (stars: number): string => `xr${stars}`;
export const albumToken = (albumId: number): string => `xa${albumId}`;

/** The facet tokens of the user's marks and hand-picked albums, appended to FACETS_SQL's result. */
export function markFacets(mark: { favorite: boolean; rating: number }, albumIds: readonly number[]): string {
  const tokens: string[] = [];
  if (mark.favorite) tokens.push(FAVORITE_TOKEN);
  if (mark.rating > 0) tokens.push(RATED_TOKEN, ratingToken(mark.rating));
  for (const id of albumIds) tokens.push(albumToken(id));
  return tokens.map((t) => ` ${t}`).join('');
}

/** A token no photo ever has: what a filter naming nothing that exists (an unknown tag) compiles to. */
export const NO_MATCH_TOKEN = 'xnone';
export const ALL_TOKEN = 'xall';

export type ValueKind = 'camera' | 'lens';
export type FlagFacet = 'gps' | 'caption' | 'tags' | 'date' | 'camera' | 'text' | 'placeEstimate';
export type StateFacet = 'indexed' | 'queued' | 'failed' | 'hidden';

const valuePrefix: Record<ValueKind, string> = { camera: 'c', lens: 'l' };
const flagToken: Record<FlagFacet, string> = { gps: 'xgps', caption: 'xcaption', tags: 'xtagged', date: 'xdated', camera: 'xcamera', text: 'xtext', placeEstimate: PLACE_ESTIMATE_TOKEN };

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

export const tagToken = (tagId: number): string => `t${tagId}`;
/** `valueId` is the search_values row of the camera (or make, or model) or lens. */
export const valueToken = (kind: ValueKind, valueId: number): string => `${valuePrefix[kind]}${valueId}`;
export const formatToken = (format: string): string => `f${hex(format.toLowerCase())}`;
export const flagFacetToken = (flag: FlagFacet): string => flagToken[flag];
export const stateToken = (state: StateFacet): string => `xs${state}`;

/** Case- and accent-insensitive, as the tokenizer is for words: camera:leica finds 'LEICA', place:koln finds Köln. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export const placeToken = (name: string): string => `p${hex(foldText(name).trim().replace(/\s+/g, ' '))}`;
export const countryToken = (code: string): string => `xcc${code.toLowerCase().replace(/[^a-z]/g, '')}`;

/** The facet tokens of a photo's place, appended to FACETS_SQL's result ('' without a place). */
export function placeFacets(place: { town: string | null; region: string | null; countryCode: string | null } | undefined): string {
  if (!place) return '';
  const tokens = [place.town, place.region].filter((n): n is string => n !== null && n !== '').map(placeToken);
  if (place.countryCode) tokens.push(countryToken(place.countryCode));
  return tokens.map((t) => ` ${t}`).join('');
}

export const estimatedPlaceToken = (name: string): string => `e${placeToken(name).slice(1)}`;
export const estimatedCountryToken = (code: string): string => `xe${countryToken(code).slice(1)}`;

/** The facet tokens of a photo's estimated place ('' without one): apart from placeFacets' so place: never finds them. */
export function placeEstimateFacets(estimate: { town: string | null; region: string | null; countryCode: string | null } | undefined): string {
  if (!estimate) return '';
  const tokens = [PLACE_ESTIMATE_TOKEN, ...[estimate.town, estimate.region].filter((n): n is string => n !== null && n !== '').map(estimatedPlaceToken)];
  if (estimate.countryCode) tokens.push(estimatedCountryToken(estimate.countryCode));
  return tokens.map((t) => ` ${t}`).join('');
}

/** Hidden copies leave every result unless the query asks for them (is:hidden): `match` without them. */
export function withoutHidden(match: string): string {
  return `(${match}) NOT (${facetMatch([stateToken('hidden')])})`;
}

/** An FTS5 expression matching photos whose facets hold any of `tokens`; none at all matches nothing. */
export function facetMatch(tokens: readonly string[]): string {
  const list = (tokens.length ? tokens : [NO_MATCH_TOKEN]).map((t) => `"${t}"`);
  return list.length === 1 ? `facets : ${list[0]}` : `facets : (${list.join(' OR ')})`;
}

/** Tokens for a calendar period: `2019` → y2019, `2019-06` → ym201906, `2019-06-01` → ymd20190601. */
export function periodToken(period: string): string {
  const digits = period.replace(/-/g, '');
  return digits.length === 4 ? `y${digits}` : digits.length === 6 ? `ym${digits}` : `ymd${digits}`;
}

/**
 * The fewest year, month and day tokens that cover [from, to): after:2019-06-15 is 16 days of June, 6 months and
 * then whole years. Open ends stop at the library's own first and last year.
 */
export function dateTokens(from: string | null, to: string | null, years: { first: number; last: number } | null): string[] {
  if (!years) return [];
  let cursor = Math.max(toDay(from ?? `${years.first}-01-01`), utc(years.first, 0, 1));
  const end = Math.min(toDay(to ?? `${years.last + 1}-01-01`), utc(years.last + 1, 0, 1));
  const tokens: string[] = [];
  while (cursor < end) {
    const date = new Date(cursor);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
    const nextYear = utc(y + 1, 0, 1);
    const nextMonth = utc(y, m + 1, 1);
    const yyyy = String(y).padStart(4, '0');
    const mm = String(m + 1).padStart(2, '0');
    if (m === 0 && d === 1 && nextYear <= end) {
      tokens.push(periodToken(yyyy));
      cursor = nextYear;
    } else if (d === 1 && nextMonth <= end) {
      tokens.push(periodToken(`${yyyy}-${mm}`));
      cursor = nextMonth;
    } else {
      tokens.push(periodToken(`${yyyy}-${mm}-${String(d).padStart(2, '0')}`));
      cursor = utc(y, m, d + 1);
    }
  }
  return tokens;
}

function toDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return utc(y, m - 1, d);
}

/** Date.UTC reads years below 100 as 19xx; setUTCFullYear takes them as written. */
function utc(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month, day);
}
