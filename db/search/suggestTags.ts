import type { Db } from '../openDatabase.js';
import { tagToken } from './facetTokens.js';
import { cachedStatement } from './statementCache.js';

/** Tags to offer while the user types `tag:…`. */
export interface TagSuggestion {
  name: string;
  /** Indexed photos carrying the tag (not rejected, not missing). */
  count: number;
}

/** Tags whose name or synonym has a word starting with `prefix` (`tab` → table; `tv` → television). */
const candidatesSql = `
  SELECT id, name FROM tags WHERE name LIKE @start ESCAPE '\\' OR name LIKE @word ESCAPE '\\'
  UNION
  SELECT t.id, t.name FROM tag_synonyms s JOIN tags t ON t.id = s.tag_id WHERE s.alias LIKE @start ESCAPE '\\' OR s.alias LIKE @word ESCAPE '\\'`;

/**
 * Autocomplete for tag names, most used first. Counts come from the search index, so they agree with what
 * `tag:` finds; a tag no indexed photo carries is not offered.
 */
export function suggestTags(db: Db, prefix: string, limit = 10): TagSuggestion[] {
  const cleaned = prefix.trim().replace(/\s+/g, ' ');
  const escaped = cleaned.replace(/[\\%_]/g, (c) => `\\${c}`);
  const candidates = cachedStatement(db, candidatesSql).all({ start: `${escaped}%`, word: `% ${escaped}%` }) as { id: number; name: string }[];
  const count = cachedStatement(db, 'SELECT count(*) FROM photo_search WHERE photo_search MATCH ?').pluck();
  return candidates
    .map((c) => ({ name: c.name, count: count.get(`facets : "${tagToken(c.id)}"`) as number }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, limit));
}
