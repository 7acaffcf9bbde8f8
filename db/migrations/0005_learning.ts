import type { Migration } from './types.js';

/**
 * Learning from corrections: trained tag heads (every version kept, at most one active per tag, so a swap or a
 * rollback is one flag), the training runs that produced them with per-tag before/after metrics and per-epoch
 * curves, and a small key/value table for the learner's watermarks.
 *
 * photo_vectors_updated lets the learner find photos re-analysed since it last re-scored (a re-index replaces
 * the learned suggestions with the analyzer's raw ones); photo_tags_verdicts reads the user's accepted and
 * rejected rows — the training labels — without scanning every suggestion.
 */
export const migration0005Learning: Migration = {
  version: 5,
  name: 'learning',
  sql: `
CREATE TABLE training_runs (
  id                  INTEGER PRIMARY KEY,
  trigger             TEXT NOT NULL CHECK (trigger IN ('auto', 'manual', 'teach')),
  state               TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
  corrections_through INTEGER NOT NULL,
  started_at          INTEGER NOT NULL,
  finished_at         INTEGER,
  train_ms            INTEGER,
  rescore_ms          INTEGER,
  summary             TEXT,
  error               TEXT
);
CREATE INDEX training_runs_state ON training_runs(state, id);

CREATE TABLE tag_heads (
  id         INTEGER PRIMARY KEY,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('new-tag', 'correction')),
  head       TEXT NOT NULL,
  metrics    TEXT,
  run_id     INTEGER REFERENCES training_runs(id) ON DELETE SET NULL,
  active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  UNIQUE (tag_id, version)
);
CREATE UNIQUE INDEX tag_heads_active ON tag_heads(tag_id) WHERE active = 1;

CREATE TABLE training_run_tags (
  run_id   INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  head_id  INTEGER REFERENCES tag_heads(id) ON DELETE SET NULL,
  decision TEXT NOT NULL CHECK (decision IN ('swapped', 'kept', 'skipped')),
  reason   TEXT NOT NULL,
  report   TEXT NOT NULL,
  PRIMARY KEY (run_id, tag_id)
) WITHOUT ROWID;

CREATE TABLE learning_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX photo_vectors_updated ON photo_vectors(updated_at);
CREATE INDEX photo_tags_verdicts ON photo_tags(tag_id, photo_id) WHERE state != 'suggested';
`,
};
