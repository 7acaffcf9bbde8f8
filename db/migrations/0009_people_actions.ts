import type { Migration } from './types.js';

/**
 * The user's people decisions (naming, merging, taking a face out, moving a face, saying a face is not someone)
 * as an undo log: each row holds, as JSON, what the people, faces and exclusions it touched looked like before,
 * and the people it created; undoing puts that back, newest first. An undone row is kept, marked.
 *
 * `people.hidden`: a group the user hid stays out of the People screen unless asked for.
 */
export const migration0009PeopleActions: Migration = {
  version: 9,
  name: 'people_actions',
  sql: `
CREATE TABLE people_actions (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  label      TEXT NOT NULL,
  before     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  undone_at  INTEGER
);
ALTER TABLE people ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
`,
};
