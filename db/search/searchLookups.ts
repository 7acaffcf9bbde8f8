import type { Db } from '../openDatabase.js';
import type { SearchLookups } from './compileQuery.js';
import type { ValueKind } from './facetTokens.js';
import { cachedStatement } from './statementCache.js';
import { tagIdsUnder } from './tagHierarchy.js';

/** GPS places and estimated ones have the same columns in their own tables, kept apart so neither leaks into the other. */
type PlaceTable = 'photo_places' | 'photo_place_estimates';

function placeNamesIn(db: Db, table: PlaceTable): string[] {
  return cachedStatement(db, `SELECT town FROM ${table} WHERE town IS NOT NULL UNION SELECT region FROM ${table} WHERE region IS NOT NULL`).pluck().all() as string[];
}

function countriesIn(db: Db, table: PlaceTable): { code: string; name: string }[] {
  return cachedStatement(db, `SELECT DISTINCT country_code AS code, country AS name FROM ${table} WHERE country_code IS NOT NULL AND country IS NOT NULL`).all() as {
    code: string;
    name: string;
  }[];
}

/** The compiler's view of the library, read through this connection. */
export function searchLookups(db: Db): SearchLookups {
  return {
    // The tag of that name, the tag it is a synonym of, and every tag under it in the hierarchy (tag:animal).
    tagIds: (name) => [
      ...new Set([
        ...(cachedStatement(db, 'SELECT id FROM tags WHERE name = @name UNION SELECT tag_id FROM tag_synonyms WHERE alias = @name').pluck().all({ name }) as number[]),
        ...tagIdsUnder(db, name),
      ]),
    ],
    personIds: (name) => cachedStatement(db, 'SELECT id FROM people WHERE name = @name COLLATE NOCASE').pluck().all({ name }) as number[],
    values: (kind: ValueKind) => cachedStatement(db, 'SELECT id, value FROM search_values WHERE kind = ?').all(kind) as { id: number; value: string }[],
    placeNames: () => placeNamesIn(db, 'photo_places'),
    countries: () => countriesIn(db, 'photo_places'),
    estimatedPlaceNames: () => placeNamesIn(db, 'photo_place_estimates'),
    estimatedCountries: () => countriesIn(db, 'photo_place_estimates'),
    album: (name) =>
      cachedStatement(db, 'SELECT id, name, query FROM albums WHERE name = ? COLLATE NOCASE').get(name.trim()) as { id: number; name: string; query: string | null } | undefined,
    yearRange: () => {
      // Apart, min and max each read one end of the photos_taken index; together in one SELECT they scan it all.
      const row = cachedStatement(db, 'SELECT (SELECT substr(min(taken_at), 1, 4) FROM photos) AS first, (SELECT substr(max(taken_at), 1, 4) FROM photos) AS last').get() as {
        first: string | null;
        last: string | null;
      };
      if (row.first === null || row.last === null) return null;
      const year = /^\d{4}$/;
      // A malformed date sorts before or after every real one; fall back to any year a camera could have taken.
      return {
        first: year.test(row.first) ? Number(row.first) : 1800,
        last: year.test(row.last) ? Number(row.last) : new Date().getFullYear() + 1,
      };
    },
  };
}
