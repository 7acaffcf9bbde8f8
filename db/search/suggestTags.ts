import type { Db } from '../openDatabase.js';
import { tagToken } from './facetTokens.js';
import { cachedStatement } from './statementCache.js';

/** Tags to offer while the user types `tag:…`. */
export interface TagSuggestion {
  name: string;
  /** Indexed photos carrying the tag (not rejected, not missing). */
  count: number;
  /**
   * Why it is offered when its name does not start with what was typed: the synonym that does (`pup` → dog,
   * matches "puppy"). Absent when the name itself matches.
   */
  matches?: string;
}

/** Tags whose name or synonym has a word starting with `prefix` (`tab` → table; `tv` → television). */
const candidatesSql = `
  SELECT id, name, NULL AS alias FROM tags WHERE name LIKE @start ESCAPE '\\' OR name LIKE @word ESCAPE '\\'
  UNION ALL
  SELECT t.id, t.name, s.alias FROM tag_synonyms s JOIN tags t ON t.id = s.tag_id WHERE s.alias LIKE @start ESCAPE '\\' OR s.alias LIKE @word ESCAPE '\\'`;

/**
 * Autocomplete for tag names, most used first. Counts come from the search index, so they agree with what
 * `tag:` finds; a tag no indexed photo carries is not offered.
 */
export function suggestTags(db: Db, prefix: string, limit = 10): TagSuggestion[] {
  const cleaned = prefix.trim().replace(/\s+/g, ' ');
  const escaped = cleaned.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = cachedStatement(db, candidatesSql).all({ start: `${escaped}%`, word: `% ${escaped}%` }) as { id: number; name: string; alias: string | null }[];
  // One entry per tag: its own name wins over a synonym (nothing to explain), else the first synonym that matched.
  const candidates = new Map<number, { name: string; alias: string | null }>();
  for (const row of rows) {
    const seen = candidates.get(row.id);
    if (!seen || (seen.alias !== null && row.alias === null)) candidates.set(row.id, { name: row.name, alias: row.alias });
  }
  const count = cachedStatement(db, 'SELECT count(*) FROM photo_search WHERE photo_search MATCH ?').pluck();
  return [...candidates]
    .map(([id, c]) => ({ name: c.name, count: count.get(`facets : "${tagToken(id)}"`) as number, ...(c.alias !== null ? { matches: c.alias } : {}) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, limit));
}
