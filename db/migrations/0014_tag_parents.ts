import type { Migration } from './types.js';

/**
 * The parent the user put a tag under ("golden retriever" under "dog", "my bike" under "vehicle"): a word, not a
 * tag id, so a parent may be a WordNet word no photo carries yet ("animal"). Model tags take their parents from
 * WordNet (db/search/tagHierarchy.generated.ts); a row here adds to those.
 */
export const migration0014TagParents: Migration = {
  version: 14,
  name: 'tag_parents',
  sql: `
CREATE TABLE tag_parents (
  tag_id     INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
  parent     TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};
